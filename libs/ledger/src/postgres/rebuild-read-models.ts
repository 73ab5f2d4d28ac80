import type pg from 'pg';
import { lockAppends, readEventsAfter } from './event-store.repository';
import { inTransaction } from './in-transaction';
import { projectEvents } from './read-models.projection';

/**
 * Drops the read models and folds every event into them again, in one transaction that holds the
 * append lock: readers see the old read models until the new ones commit, and no event can slip
 * in between. The result is the one incremental projection gave.
 */
export async function rebuildReadModels(
  pool: pg.Pool,
  options: { pageSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ events: number }> {
  const pageSize = options.pageSize ?? 2_000;
  return inTransaction(pool, async (client) => {
    await lockAppends(client);
    const total = Number(
      (
        await client.query<{ n: string }>(
          'select coalesce(max(position), 0) as n from ledger.events',
        )
      ).rows[0]?.n ?? 0,
    );
    await client.query(
      'delete from ledger.changes; delete from ledger.object_versions; delete from ledger.objects; delete from ledger.identity_groups; delete from ledger.dead_letters; delete from ledger.projection_checkpoints',
    );
    let position = 0;
    for (;;) {
      const page = await readEventsAfter(client, position, pageSize);
      if (page.length === 0) break;
      await projectEvents(client, page);
      position = page.at(-1)!.position;
      options.onProgress?.(position, total);
    }
    return { events: position };
  });
}
