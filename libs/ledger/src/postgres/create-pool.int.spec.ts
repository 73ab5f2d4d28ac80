import { describe, expect, it } from 'vitest';
import { appPool } from '../../../../test/support/database';
import { holdConnection } from './create-pool';

const pool = appPool();

/** When PostgreSQL ran the statement, in epoch milliseconds of the same host's clock. */
const RAN_AT = `select (extract(epoch from clock_timestamp()) * 1000)::float8 as ms`;

/**
 * Runs microtasks only, for a while: what a reader working through a page does. No tick and no
 * I/O callback runs meanwhile. Returns when it stopped.
 */
async function busyInMicrotasks(ms: number): Promise<number> {
  const until = Date.now() + ms;
  while (Date.now() < until) await Promise.resolve();
  return Date.now();
}

describe('holdConnection', () => {
  it('sends a query at once, while its caller is still busy in microtasks', async () => {
    const held = await holdConnection(pool);
    try {
      const query = held.client.query<{ ms: number }>(RAN_AT);
      const busyUntil = await busyInMicrotasks(250);
      const { rows } = await query;
      expect(rows[0]!.ms).toBeLessThan(busyUntil);
    } finally {
      held.release();
    }
  });

  it('is needed: a query through the pool waits until its caller waits', async () => {
    const query = pool.query<{ ms: number }>(RAN_AT);
    const busyUntil = await busyInMicrotasks(250);
    const { rows } = await query;
    expect(rows[0]!.ms).toBeGreaterThanOrEqual(busyUntil);
  });

  it('gives a pool its connection back, and leaves a connection that was passed in as it is', async () => {
    const held = await holdConnection(pool);
    const idleWhileHeld = pool.idleCount;
    held.release();
    expect(pool.idleCount).toBe(idleWhileHeld + 1);

    const client = await pool.connect();
    try {
      const same = await holdConnection(client);
      expect(same.client).toBe(client);
      same.release();
      await expect(client.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    } finally {
      client.release();
    }
  });
});
