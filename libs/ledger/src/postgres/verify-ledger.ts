import type pg from 'pg';
import { type ChainVerification, emptyChain, verifyChainStep } from '../hash-chain';
import { readEventsAfter } from './event-store.repository';
import { readPagesAhead } from './read-pages-ahead';

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
  // The next page is read while this one is hashed: PostgreSQL and the hashing overlap.
  const pages = readPagesAhead(
    db,
    (client) => readEventsAfter(client, state.head.position, pageSize),
    (client, page) => {
      const last = page.at(-1)?.position;
      return last === undefined || last >= upTo
        ? undefined
        : readEventsAfter(client, last, pageSize);
    },
  );
  for await (const page of pages) {
    for (const event of page) {
      if (event.position > upTo) return state;
      state = verifyChainStep(state, event);
    }
    if (page.length > 0) options.onProgress?.(state, total);
  }
  return state;
}
