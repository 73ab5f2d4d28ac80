import { describe, expect, it } from 'vitest';
import { chainHash, emptyChain, GENESIS_HASH, verifyChainStep } from './hash-chain';
import type { RecordedEvent } from './recorded-event';

function chain(n: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let position = 1; position <= n; position++) {
    const unhashed = {
      position,
      eventId: `00000000-0000-0000-0000-${String(position).padStart(12, '0')}`,
      streamId: 'object-c1/core/namespaces/_/ns',
      streamPosition: position,
      type: 'AuditChangeRecorded',
      data: { n: position, nested: { b: 1, a: [1, 2] } },
      metadata: { source: 'test' },
      occurredAt: '2026-03-01T10:00:00.000001Z',
      recordedAt: '2026-03-01T10:00:01.000000Z',
    };
    const hash = chainHash(prev, unhashed);
    events.push({ ...unhashed, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

const verify = (events: RecordedEvent[]) => events.reduce(verifyChainStep, emptyChain());

describe('the hash chain', () => {
  it('verifies an untouched chain', () => {
    expect(verify(chain(5))).toMatchObject({
      verified: true,
      events: 5,
      firstBrokenAt: null,
      head: { position: 5 },
    });
  });

  it.each([
    ['altered data', (e: RecordedEvent[]) => ({ ...e[2]!, data: { ...e[2]!.data, n: 99 } }), 3],
    [
      'a re-hashed row that no longer links',
      (e: RecordedEvent[]) => {
        const altered = { ...e[2]!, data: { n: 99 } };
        return { ...altered, hash: chainHash(altered.prevHash, altered) };
      },
      4,
    ],
    [
      'a changed time',
      (e: RecordedEvent[]) => ({ ...e[2]!, occurredAt: '2026-03-01T10:00:00.000002Z' }),
      3,
    ],
  ])('finds %s at its exact position', (_name, tamper, brokenAt) => {
    const events = chain(6);
    events[2] = tamper(events);
    expect(verify(events)).toMatchObject({ verified: false, firstBrokenAt: brokenAt });
  });

  it('finds a deleted row as a gap', () => {
    const events = chain(4);
    events.splice(1, 1);
    expect(verify(events)).toMatchObject({ verified: false, firstBrokenAt: 3 });
  });

  it('does not depend on the key order of the data', () => {
    const [event] = chain(1);
    const reordered = { ...event!, data: { nested: { a: [1, 2], b: 1 }, n: 1 } };
    expect(chainHash(GENESIS_HASH, reordered)).toBe(event!.hash);
  });
});
