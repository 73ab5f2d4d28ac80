import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { appPool } from '../../../../test/support/database';
import { readPagesAhead } from './read-pages-ahead';

const pool = appPool();

interface Numbered {
  n: number;
  /** When PostgreSQL read the row, in epoch milliseconds of the same host's clock. */
  ms: number;
}

const numbers = (client: pg.ClientBase, from: number, to: number) =>
  client
    .query<Numbered>(
      `select n, (extract(epoch from clock_timestamp()) * 1000)::float8 as ms
         from generate_series($1::int, $2::int) as n`,
      [from, to],
    )
    .then((result) => result.rows);

/** Pages of three numbers up to 9. */
const nextThree = (client: pg.ClientBase, page: Numbered[]) => {
  const last = page.at(-1)!.n;
  return last >= 9 ? undefined : numbers(client, last + 1, last + 3);
};

/** Runs microtasks only, as a renderer working through a page does; returns when it stopped. */
async function busyInMicrotasks(ms: number): Promise<number> {
  const until = Date.now() + ms;
  while (Date.now() < until) await Promise.resolve();
  return Date.now();
}

describe('readPagesAhead', () => {
  it('reads the next page while its caller works through the current one, and stops after the last', async () => {
    const seen: number[] = [];
    const readAt: number[] = [];
    const doneAt: number[] = [];
    for await (const page of readPagesAhead(pool, (client) => numbers(client, 1, 3), nextThree)) {
      seen.push(...page.map((r) => r.n));
      readAt.push(page[0]!.ms);
      doneAt.push(await busyInMicrotasks(100));
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(readAt[1]).toBeLessThan(doneAt[0]!);
    expect(readAt[2]).toBeLessThan(doneAt[1]!);
  });

  it('gives its connection back when the reader stops early, once the page in flight has ended', async () => {
    let inFlightEnded = false;
    for await (const page of readPagesAhead(
      pool,
      (client) => numbers(client, 1, 3),
      (client, current) =>
        nextThree(client, current)?.then((rows) => {
          inFlightEnded = true;
          return rows;
        }),
    )) {
      expect(page.map((r) => r.n)).toEqual([1, 2, 3]);
      break;
    }
    expect(inFlightEnded).toBe(true);
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });
});
