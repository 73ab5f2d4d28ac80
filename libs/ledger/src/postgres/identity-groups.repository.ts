import type pg from 'pg';

export interface IdentityGroup {
  username: string;
  group: string;
  firstSeen: string;
  lastSeen: string;
}

/** The groups identities presented in audit events, as observed by `at` (default: ever). */
export async function observedMemberships(
  db: pg.Pool | pg.ClientBase,
  cluster: string | null,
  at?: string,
): Promise<IdentityGroup[]> {
  const result = await db.query<{
    username: string;
    group_name: string;
    first_seen: string;
    last_seen: string;
  }>(
    `select username, group_name, first_seen, last_seen from ledger.identity_groups
      where ($1::text is null or cluster = $1) and ($2::timestamptz is null or first_seen <= $2)
      order by username, group_name`,
    [cluster, at ?? null],
  );
  return result.rows.map((r) => ({
    username: r.username,
    group: r.group_name,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  }));
}

/**
 * A number that changes whenever a change to any of the given kinds is recorded in the cluster:
 * what cached RBAC engines compare to know they are stale. One index probe per resource.
 */
export async function kindsVersion(
  db: pg.Pool | pg.ClientBase,
  cluster: string,
  resources: readonly string[],
): Promise<number> {
  const probes = resources.map(
    (_, i) =>
      `(select max(last_position) from ledger.changes where cluster = $1 and resource = $${i + 2})`,
  );
  const result = await db.query<{ v: string | null }>(
    `select greatest(${probes.join(', ')}) as v`,
    [cluster, ...resources],
  );
  return Number(result.rows[0]?.v ?? 0);
}
