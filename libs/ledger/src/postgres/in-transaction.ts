import type pg from 'pg';

/**
 * Runs `work` in one transaction on a client of its own. While checked out, a client whose
 * connection drops emits 'error' with nobody listening, which would crash the process; here the
 * error is kept and surfaces through the failing query instead, and the broken client is
 * discarded rather than returned to the pool.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on('error', onError);
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: Error) => {
      lost ??= rollbackError;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(lost ?? false);
  }
}
