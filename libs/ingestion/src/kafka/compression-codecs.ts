import * as zlib from 'node:zlib';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import * as lz4 from 'lz4js';
import { hash as xxh32 } from 'lz4js/xxh32';
import * as snappy from 'snappyjs';

/** kafkajs's codec contract: compress gets an Encoder, decompress the raw bytes. */
interface KafkaCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

// Java producers frame snappy with xerial's SnappyOutputStream: a 16-byte header, then
// [big-endian length][raw snappy block] repeated.
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_LENGTH = 16;

export function decompressSnappy(buffer: Buffer): Buffer {
  if (buffer.length < XERIAL_HEADER_LENGTH || !buffer.subarray(0, 8).equals(XERIAL_MAGIC)) {
    return Buffer.from(snappy.uncompress(buffer));
  }
  const blocks: Buffer[] = [];
  let offset = XERIAL_HEADER_LENGTH;
  while (offset + 4 <= buffer.length) {
    const size = buffer.readUInt32BE(offset);
    offset += 4;
    blocks.push(Buffer.from(snappy.uncompress(buffer.subarray(offset, offset + size))));
    offset += size;
  }
  return Buffer.concat(blocks);
}

const snappyCodec: KafkaCodec = {
  compress: async (encoder) => Buffer.from(snappy.compress(encoder.buffer)),
  decompress: async (buffer) => decompressSnappy(buffer),
};

const LZ4_MAGIC = 0x184d2204;
const LZ4_BLOCK_SIZE = 64 * 1024;
// Version 01, independent blocks (Kafka refuses dependent ones); 64 KiB maximum block size.
const LZ4_FLG = 0x60;
const LZ4_BD = 0x40;
const LZ4_UNCOMPRESSED = 0x80000000;

/**
 * An LZ4 frame as Kafka's Java reader accepts it: lz4js's own frame writer chains blocks,
 * which Kafka rejects ("Dependent block stream is unsupported"), so each block is compressed
 * on its own with a fresh hash table.
 */
export function compressLz4Frame(input: Buffer): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(7);
  header.writeUInt32LE(LZ4_MAGIC, 0);
  header[4] = LZ4_FLG;
  header[5] = LZ4_BD;
  header[6] = (xxh32(0, header, 4, 2) >> 8) & 0xff;
  parts.push(header);
  for (let offset = 0; offset < input.length; offset += LZ4_BLOCK_SIZE) {
    const block = input.subarray(offset, offset + LZ4_BLOCK_SIZE);
    const out = Buffer.alloc(lz4.compressBound(block.length));
    const size = lz4.compressBlock(block, out, 0, block.length, new Uint32Array(1 << 16));
    const length = Buffer.alloc(4);
    if (size === 0 || size >= block.length) {
      length.writeUInt32LE((LZ4_UNCOMPRESSED | block.length) >>> 0, 0);
      parts.push(length, block);
    } else {
      length.writeUInt32LE(size, 0);
      parts.push(length, out.subarray(0, size));
    }
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

const lz4Codec: KafkaCodec = {
  compress: async (encoder) => compressLz4Frame(encoder.buffer),
  decompress: async (buffer) => Buffer.from(lz4.decompress(buffer)),
};

function zstdFunctions(): { compress: (b: Buffer) => Buffer; decompress: (b: Buffer) => Buffer } {
  const z = zlib as unknown as {
    zstdCompressSync?: (b: Buffer) => Buffer;
    zstdDecompressSync?: (b: Buffer) => Buffer;
  };
  if (!z.zstdCompressSync || !z.zstdDecompressSync) {
    throw new Error(
      `zstd-compressed Kafka messages need Node.js >= 22.15 (node:zlib zstd); this is ${process.version}`,
    );
  }
  return { compress: z.zstdCompressSync, decompress: z.zstdDecompressSync };
}

const zstdCodec: KafkaCodec = {
  compress: async (encoder) => zstdFunctions().compress(encoder.buffer),
  decompress: async (buffer) => zstdFunctions().decompress(buffer),
};

/**
 * kafkajs reads gzip itself; snappy, lz4 and zstd need codecs, and real pipelines (Fluent Bit,
 * Vector, Java producers) use them. Pure-JS and built-in implementations: no native builds.
 */
export function registerCompressionCodecs(): void {
  const codecs = CompressionCodecs as Record<number, () => KafkaCodec>;
  codecs[CompressionTypes.Snappy] = () => snappyCodec;
  codecs[CompressionTypes.LZ4] = () => lz4Codec;
  codecs[CompressionTypes.ZSTD] = () => zstdCodec;
}
