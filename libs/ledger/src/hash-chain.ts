import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { RecordedEvent } from './recorded-event';

/** The hash that the first event's prevHash links to: 32 zero bytes, hex. */
export const GENESIS_HASH = '0'.repeat(64);

/** The part of a stored event that its hash covers: everything but the hashes themselves. */
export function hashedContent(event: Omit<RecordedEvent, 'hash' | 'prevHash'>): string {
  return canonicalJson({
    position: event.position,
    eventId: event.eventId,
    streamId: event.streamId,
    streamPosition: event.streamPosition,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
  });
}

/** hash(n) = SHA-256(hash(n-1) bytes || canonical JSON of event n), hex. */
export function chainHash(
  prevHash: string,
  event: Omit<RecordedEvent, 'hash' | 'prevHash'>,
): string {
  return createHash('sha256')
    .update(Buffer.from(prevHash, 'hex'))
    .update(hashedContent(event), 'utf8')
    .digest('hex');
}

export interface ChainVerification {
  verified: boolean;
  events: number;
  head: { position: number; hash: string };
  /** The first position whose stored hash or link does not match its content, if any. */
  firstBrokenAt: number | null;
  reason?: string;
}

/**
 * Folds stored events (in position order, possibly in pages) into a verification result.
 * Checks that positions are gapless from 1, each prevHash is the previous hash and each hash
 * matches its content.
 */
export function verifyChainStep(state: ChainVerification, event: RecordedEvent): ChainVerification {
  if (state.firstBrokenAt !== null)
    return {
      ...state,
      events: state.events + 1,
      head: { position: event.position, hash: event.hash },
    };
  const expectedPosition = state.head.position + 1;
  const broken = (reason: string): ChainVerification => ({
    verified: false,
    events: state.events + 1,
    head: { position: event.position, hash: event.hash },
    firstBrokenAt: event.position,
    reason,
  });
  if (event.position !== expectedPosition)
    return broken(`position ${event.position} follows ${state.head.position}: a gap`);
  if (event.prevHash !== state.head.hash)
    return broken(
      `position ${event.position} does not link to the hash of position ${state.head.position}`,
    );
  if (chainHash(event.prevHash, event) !== event.hash)
    return broken(`position ${event.position}'s content does not match its hash`);
  return {
    verified: true,
    events: state.events + 1,
    head: { position: event.position, hash: event.hash },
    firstBrokenAt: null,
  };
}

export function emptyChain(): ChainVerification {
  return {
    verified: true,
    events: 0,
    head: { position: 0, hash: GENESIS_HASH },
    firstBrokenAt: null,
  };
}
