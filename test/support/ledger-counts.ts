import type pg from 'pg';

/** What the ledger holds for one cluster: changes, the facts behind them, duplicates, dead letters. */
export async function ledgerCounts(pool: pg.Pool, cluster: string) {
  const { rows } = await pool.query<{
    changes: number;
    distinct_audit: number;
    facts: number;
    dead: number;
  }>(
    `select (select count(*)::int from ledger.changes where cluster = $1 and cascade_of is null) as changes,
            (select count(distinct audit_id)::int from ledger.changes where cluster = $1) as distinct_audit,
            (select count(*)::int from ledger.events where data->>'cluster' = $1 and type <> 'MessageDeadLettered') as facts,
            (select count(*)::int from ledger.dead_letters where cluster = $1) as dead`,
    [cluster],
  );
  return rows[0]!;
}
