import { randomBytes } from 'node:crypto';
import * as lz4 from 'lz4js';
import * as snappy from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { compressLz4Frame, decompressSnappy } from './compression-codecs';

describe('Kafka compression codecs', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['short text', Buffer.from('hello audit')],
    ['repetitive, several blocks', Buffer.from('{"kind":"Event"}'.repeat(20_000))],
    ['incompressible, several blocks', randomBytes(150_000)],
  ])('writes LZ4 frames with independent blocks that decode back (%s)', (_name, input) => {
    const frame = compressLz4Frame(input);
    expect(frame[4]! & 0x20).toBe(0x20);
    expect(Buffer.from(lz4.decompress(frame))).toEqual(input);
  });

  it('reads xerial-framed snappy as Java producers write it, and raw snappy', () => {
    const input = Buffer.from('audit event '.repeat(1000));
    const raw = Buffer.from(snappy.compress(input));
    const header = Buffer.from([
      0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1,
    ]);
    const half = input.length / 2;
    const blocks = [input.subarray(0, half), input.subarray(half)].map((b) =>
      Buffer.from(snappy.compress(b)),
    );
    const xerial = Buffer.concat([header, ...blocks.flatMap((b) => [lengthOf(b), b])]);
    expect(decompressSnappy(raw)).toEqual(input);
    expect(decompressSnappy(xerial)).toEqual(input);
  });
});

function lengthOf(block: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(block.length, 0);
  return length;
}
