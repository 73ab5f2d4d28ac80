import pg from 'pg';
import { toMicroTime } from '../micro-time';

const PG_TIMESTAMPTZ =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/;

/** PostgreSQL's text form of a timestamptz ("2026-03-01 10:00:00.5+00") as a MicroTime string. */
export function timestamptzToMicroTime(value: string): string {
  // The pool's sessions run in UTC, so the common case needs no date arithmetic (a hot path:
  // every row of every page has several timestamps).
  if (value.length >= 22 && value.endsWith('+00') && value.charCodeAt(10) === 32) {
    const fraction = value.length > 22 ? value.slice(20, -3) : '';
    return `${value.slice(0, 10)}T${value.slice(11, 19)}.${fraction.padEnd(6, '0')}Z`;
  }
  const match = PG_TIMESTAMPTZ.exec(value);
  if (!match) return value;
  const [, date, time, hours, minutes] = match;
  return toMicroTime(`${date}T${time}${hours}:${minutes ?? '00'}`) ?? value;
}

// Timestamps leave the database as MicroTime text, never as millisecond Dates: the ledger's
// event times carry microseconds, and the hash chain covers them.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, timestamptzToMicroTime);

/** A pool that reports its own connection errors instead of crashing the process on them. */
export function createPool(
  connectionString: string,
  options: { max?: number; onError?: (error: Error) => void } = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    options: '-c TimeZone=UTC',
  });
  pool.on('error', (error) => options.onError?.(error));
  return pool;
}

/** The connection string a pool was created with (pg keeps it, untyped, in `options`). */
export function connectionStringOf(pool: pg.Pool): string {
  return (pool as unknown as { options: { connectionString: string } }).options.connectionString;
}

/** A connection held for one reader, and how to give it back. */
export interface HeldConnection {
  client: pg.ClientBase;
  release(): void;
}

/**
 * A connection of its own for a reader that asks for its next page before working through the
 * current one. A pool hands out connections on a process.nextTick, and a reader that works
 * through a page in one run of microtasks lets no tick run: its early query would only be sent
 * once it waited for it. On a connection held already, a query is sent at once.
 */
export async function holdConnection(db: pg.Pool | pg.ClientBase): Promise<HeldConnection> {
  if (!(db instanceof pg.Pool)) return { client: db, release: () => undefined };
  const client = await db.connect();
  return { client, release: () => client.release() };
}
