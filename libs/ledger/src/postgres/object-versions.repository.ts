import type pg from 'pg';

/** One version of an object, with the change (and actor) that produced it. */
export interface ObjectVersionView {
  cluster: string;
  apiGroup: string;
  resource: string;
  kind: string;
  namespace: string | null;
  name: string;
  version: number;
  occurredAt: string;
  action: string;
  object: Record<string, unknown> | null;
  stateKnown: boolean;
  unknownSince: string | null;
  deleted: boolean;
  uid: string | null;
  tier: string | null;
  patch: unknown[] | null;
  summary: unknown[];
  note: string | null;
  cascadeReason: string | null;
  change: {
    id: string | null;
    auditId: string | null;
    actor: string | null;
    impersonatedBy: string | null;
    positions: number[];
  };
}

interface VersionRecord {
  cluster: string;
  api_group: string;
  resource: string;
  kind: string;
  namespace: string | null;
  name: string;
  version: number;
  occurred_at: string;
  action: string;
  object: Record<string, unknown> | null;
  state_known: boolean;
  unknown_since: string | null;
  deleted: boolean;
  uid: string | null;
  tier: string | null;
  patch: unknown[] | null;
  summary: unknown[];
  note: string | null;
  cascade_reason: string | null;
  change_id: string | null;
  audit_id: string | null;
  actor_username: string | null;
  impersonated_by: string | null;
  positions: string[] | null;
}

const SELECT_VERSION = `
  select v.cluster, v.api_group, v.resource, v.kind, v.namespace, v.name, v.version, v.occurred_at, v.action, v.object,
         v.state_known, v.unknown_since, v.deleted, v.uid, v.tier, v.patch, v.summary, v.note, v.cascade_reason,
         c.id as change_id, c.audit_id, c.actor_username, c.impersonated_by, c.positions
    from ledger.object_versions v
    left join ledger.changes c on c.cluster = v.cluster and c.change_key = v.change_key`;

function toView(row: VersionRecord): ObjectVersionView {
  return {
    cluster: row.cluster,
    apiGroup: row.api_group,
    resource: row.resource,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    version: row.version,
    occurredAt: row.occurred_at,
    action: row.action,
    object: row.object,
    stateKnown: row.state_known,
    unknownSince: row.unknown_since,
    deleted: row.deleted,
    uid: row.uid,
    tier: row.tier,
    patch: row.patch,
    summary: row.summary,
    note: row.note,
    cascadeReason: row.cascade_reason,
    change: {
      id: row.change_id,
      auditId: row.audit_id,
      actor: row.actor_username,
      impersonatedBy: row.impersonated_by,
      positions: (row.positions ?? []).map(Number),
    },
  };
}

/** The version of one object in force at `at` (its latest version at or before then), if any. */
export async function objectVersionAt(
  db: pg.Pool | pg.ClientBase,
  objectKey: string,
  at: string,
): Promise<ObjectVersionView | undefined> {
  const result = await db.query<VersionRecord>(
    `${SELECT_VERSION} where v.object_key = $1 and v.occurred_at <= $2 order by v.version desc limit 1`,
    [objectKey, at],
  );
  return result.rows[0] ? toView(result.rows[0]) : undefined;
}

/** One object's versions, oldest first, a page at a time (after a version number). */
export async function objectHistory(
  db: pg.Pool | pg.ClientBase,
  objectKey: string,
  afterVersion: number,
  limit: number,
): Promise<ObjectVersionView[]> {
  const result = await db.query<VersionRecord>(
    `${SELECT_VERSION} where v.object_key = $1 and v.version > $2 order by v.version limit $3`,
    [objectKey, afterVersion, limit],
  );
  return result.rows.map(toView);
}

/**
 * Every object of the given kinds as it stood at `at` in one cluster (or all clusters): the
 * latest version of each at or before then, deleted ones included (callers drop them). `at`
 * undefined reads the maintained current state instead of searching the versions.
 */
export async function objectsAt(
  db: pg.Pool | pg.ClientBase,
  scope: {
    cluster: string | null;
    kinds: ReadonlyArray<{ apiGroup: string; resource: string }>;
    at?: string;
  },
): Promise<ObjectVersionView[]> {
  const groups = scope.kinds.map((k) => k.apiGroup);
  const resources = scope.kinds.map((k) => k.resource);
  const result = scope.at
    ? await db.query<VersionRecord>(
        `${SELECT_VERSION}
          where (v.object_key, v.version) in (
            select distinct on (object_key) object_key, version
              from ledger.object_versions
             where ($1::text is null or cluster = $1)
               and (api_group, resource) in (select * from unnest($2::text[], $3::text[]))
               and occurred_at <= $4
             order by object_key, version desc)`,
        [scope.cluster, groups, resources, scope.at],
      )
    : await db.query<VersionRecord>(
        `${SELECT_VERSION}
          join ledger.objects o on o.object_key = v.object_key and o.version = v.version
          where ($1::text is null or o.cluster = $1)
            and (o.api_group, o.resource) in (select * from unnest($2::text[], $3::text[]))`,
        [scope.cluster, groups, resources],
      );
  return result.rows.map(toView);
}
