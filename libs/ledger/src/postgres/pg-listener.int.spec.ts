import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { appPool } from '../../../../test/support/database';
import { PgListener } from './pg-listener';

const pool = appPool();
const listeners: PgListener[] = [];
afterEach(async () => {
  for (const listener of listeners.splice(0)) await listener.stop();
});

function listenerOn(channel: string) {
  const heard: Array<string | undefined> = [];
  const events: string[] = [];
  let next: (() => void) | undefined;
  const listener = new PgListener({
    pool,
    channel,
    retryMs: 50,
    onNotification: (payload) => {
      heard.push(payload);
      next?.();
    },
    onListening: () => {
      events.push('listening');
      next?.();
    },
    onLost: () => events.push('lost'),
  });
  listeners.push(listener);
  const until = (done: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out; heard ${heard}, ${events}`)),
        10_000,
      );
      next = () => {
        if (!done()) return;
        clearTimeout(timer);
        resolve();
      };
      next();
    });
  return { listener, heard, events, until };
}

describe('PgListener, against the real PostgreSQL', () => {
  it('hears notifications on its channel only', async () => {
    const channel = `test_${randomBytes(4).toString('hex')}`;
    const { listener, heard, until } = listenerOn(channel);
    await listener.start();
    expect(listener.listening).toBe(true);
    await pool.query('select pg_notify($1, $2)', [`${channel}_other`, 'elsewhere']);
    await pool.query('select pg_notify($1, $2)', [channel, 'token-1']);
    await until(() => heard.length === 1);
    expect(heard).toEqual(['token-1']);
  });

  it('listens again after its connection is killed, and says it lost it', async () => {
    const channel = `test_${randomBytes(4).toString('hex')}`;
    const { listener, heard, events, until } = listenerOn(channel);
    await listener.start();
    const { rows } = await pool.query<{ pid: number }>(
      `select pid from pg_stat_activity where query = $1`,
      [`listen "${channel}"`],
    );
    expect(rows).toHaveLength(1);
    await pool.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    await until(() => events.filter((e) => e === 'listening').length === 2);
    expect(events).toEqual(['listening', 'lost', 'listening']);
    await pool.query('select pg_notify($1, $2)', [channel, 'after']);
    await until(() => heard.includes('after'));
  });
});
