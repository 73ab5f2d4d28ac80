import type pg from 'pg';
import { holdConnection } from './create-pool';

/**
 * Pages of a query, each asked for before the one before it is consumed, so PostgreSQL reads
 * while the caller works. They are read on a connection held for the purpose (see
 * holdConnection: through a pool the early query would wait). `following` asks for the page
 * after `page`, or returns undefined when `page` is the last. A reader that stops early leaves
 * a page in flight: it ends before the connection is given back.
 */
export async function* readPagesAhead<T>(
  db: pg.Pool | pg.ClientBase,
  first: (client: pg.ClientBase) => Promise<T[]>,
  following: (client: pg.ClientBase, page: T[]) => Promise<T[]> | undefined,
): AsyncGenerator<T[]> {
  const connection = await holdConnection(db);
  let next: Promise<T[]> | undefined = first(connection.client);
  try {
    while (next) {
      const page: T[] = await next;
      next = following(connection.client, page);
      next?.catch(() => undefined); // awaited on the next turn, or below; never unhandled meanwhile
      yield page;
    }
  } finally {
    await next?.catch(() => undefined);
    connection.release();
  }
}
