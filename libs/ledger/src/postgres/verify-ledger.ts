import type pg from 'pg';
import { type ChainVerification, emptyChain, verifyChainStep } from '../hash-chain';
import { holdConnection } from './create-pool';
import { readEventsAfter } from './event-store.repository';

export interface VerifyOptions {
  /** Continue from an earlier verification (of a prefix) instead of from the first event. */
  from?: ChainVerification;
  /** Stop at this position (a head read earlier) instead of at whatever is last when reached. */
  upTo?: number;
  pageSize?: number;
  onProgress?: (verified: ChainVerification, total: number) => void;
}

/** Recomputes the hash chain over every stored event, in pages, and reports the first broken position. */
export async function verifyLedger(
  db: pg.Pool | pg.ClientBase,
  options: VerifyOptions = {},
): Promise<ChainVerification> {
  // Small pages: the chain is read once, and a page of parsed events is what stays in memory.
  const pageSize = options.pageSize ?? 500;
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  const total =
    options.upTo ??
    Number(
      (await db.query<{ n: string }>('select coalesce(max(position), 0) as n from ledger.events'))
        .rows[0]?.n ?? 0,
    );
  let state = options.from ?? emptyChain();
  const connection = await holdConnection(db);
  const readPage = (after: number) => readEventsAfter(connection.client, after, pageSize);
  let next = readPage(state.head.position);
  try {
    for (;;) {
      const page = await next;
      if (page.length === 0) return state;
      const last = page[page.length - 1]!.position;
      if (last < upTo) {
        // The next page is read while this one is hashed: PostgreSQL and the hashing overlap.
        next = readPage(last);
        next.catch(() => undefined); // awaited on the next turn; never unhandled meanwhile
      }
      for (const event of page) {
        if (event.position > upTo) return state;
        state = verifyChainStep(state, event);
      }
      options.onProgress?.(state, total);
      if (last >= upTo) return state;
    }
  } finally {
    // A page still being read is left to finish before the connection serves anyone else.
    await next.catch(() => undefined);
    connection.release();
  }
}
