import type pg from 'pg';

/** A change as the API lists it. */
export interface ChangeView {
  id: string;
  cluster: string;
  /** kubectl form: plural.group, or the bare plural for the core group. */
  resource: string;
  namespace: string | null;
  name: string | null;
  tier: string | null;
  verb: string;
  outcome: string;
  action: string;
  actor: { username: string | null; groups: string[]; impersonatedBy?: string };
  sourceIPs: string[];
  userAgent: string | null;
  occurredAt: string;
  auditId: string | null;
  statusCode: number | null;
  authorizationReason: string | null;
  version: number | null;
  stateKnown: boolean;
  directCrd: boolean;
  cascade: boolean;
  risk: string | null;
  summary: unknown[];
  note: string | null;
  /** The ledger positions of the facts behind this change: its evidence. */
  positions: number[];
}

export function kubectlResource(apiGroup: string, resource: string): string {
  return apiGroup ? `${resource}.${apiGroup}` : resource;
}

interface ChangeRecord {
  id: string;
  cluster: string;
  api_group: string;
  resource: string;
  namespace: string | null;
  name: string | null;
  tier: string | null;
  verb: string;
  outcome: string;
  action: string;
  actor_username: string | null;
  actor_groups: string[];
  impersonated_by: string | null;
  source_ips: string[];
  user_agent: string | null;
  occurred_at: string;
  audit_id: string | null;
  status_code: number | null;
  authorization_reason: string | null;
  version: number | null;
  state_known: boolean;
  direct_crd: boolean;
  cascade_of: string | null;
  risk: string | null;
  summary: unknown[];
  note: string | null;
  positions: string[];
  last_position: string;
}

const COLUMNS = `id, cluster, api_group, resource, namespace, name, tier, verb, outcome, action,
  actor_username, actor_groups, impersonated_by, source_ips, user_agent, occurred_at, audit_id, status_code,
  authorization_reason, version, state_known, direct_crd, cascade_of, risk, summary, note, positions, last_position`;

export function toChangeView(row: ChangeRecord): ChangeView {
  return {
    id: row.id,
    cluster: row.cluster,
    resource: kubectlResource(row.api_group, row.resource),
    namespace: row.namespace,
    name: row.name,
    tier: row.tier,
    verb: row.verb,
    outcome: row.outcome,
    action: row.action,
    actor: {
      username: row.actor_username,
      groups: row.actor_groups,
      ...(row.impersonated_by ? { impersonatedBy: row.impersonated_by } : {}),
    },
    sourceIPs: row.source_ips,
    userAgent: row.user_agent,
    occurredAt: row.occurred_at,
    auditId: row.audit_id,
    statusCode: row.status_code,
    authorizationReason: row.authorization_reason,
    version: row.version,
    stateKnown: row.state_known,
    directCrd: row.direct_crd,
    cascade: row.cascade_of !== null,
    risk: row.risk,
    summary: row.summary,
    note: row.note,
    positions: row.positions.map(Number),
  };
}

/** What GET /v1/changes filters on; every field narrows, none widens. */
export interface ChangeFilter {
  cluster: string;
  apiGroup?: string;
  resource?: string;
  namespace?: string;
  name?: string;
  tier?: string;
  /** The effective user or the impersonator. */
  actor?: string;
  verb?: string;
  outcome?: string;
  /** Inclusive. */
  from?: string;
  /** Exclusive. */
  to?: string;
}

export interface ChangePage {
  order: 'asc' | 'desc';
  limit: number;
  /** The last row of the previous page. */
  after?: { occurredAt: string; id: string };
}

function whereClause(
  filter: ChangeFilter,
  page: ChangePage,
  params: unknown[],
  actorColumn?: 'actor_username' | 'impersonated_by',
): string {
  const clauses: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  add((p) => `cluster = ${p}`, filter.cluster);
  if (filter.apiGroup !== undefined) add((p) => `api_group = ${p}`, filter.apiGroup);
  if (filter.resource !== undefined) add((p) => `resource = ${p}`, filter.resource);
  if (filter.namespace !== undefined) add((p) => `namespace = ${p}`, filter.namespace);
  if (filter.name !== undefined) add((p) => `name = ${p}`, filter.name);
  if (filter.tier !== undefined) add((p) => `tier = ${p}`, filter.tier);
  if (filter.verb !== undefined) add((p) => `verb = ${p}`, filter.verb);
  if (filter.outcome !== undefined) add((p) => `outcome = ${p}`, filter.outcome);
  if (filter.from !== undefined) add((p) => `occurred_at >= ${p}`, filter.from);
  if (filter.to !== undefined) add((p) => `occurred_at < ${p}`, filter.to);
  if (actorColumn && filter.actor !== undefined) {
    add((p) => `${actorColumn} = ${p}`, filter.actor);
    // A change by the impersonator of itself must not be listed twice.
    if (actorColumn === 'impersonated_by')
      add((p) => `actor_username is distinct from ${p}`, filter.actor);
  }
  if (page.after) {
    params.push(page.after.occurredAt, page.after.id);
    const n = params.length;
    clauses.push(`(occurred_at, id) ${page.order === 'desc' ? '<' : '>'} ($${n - 1}, $${n})`);
  }
  return clauses.join(' and ');
}

/**
 * One keyset page of changes, newest first by default. Each branch is one index range scan
 * (cluster + the filtered column + time); the actor filter is the union of the effective user's
 * and the impersonator's changes, each read from its own index.
 */
export async function queryChanges(
  db: pg.Pool | pg.ClientBase,
  filter: ChangeFilter,
  page: ChangePage,
): Promise<ChangeView[]> {
  const direction = page.order === 'desc' ? 'desc' : 'asc';
  const params: unknown[] = [];
  const order = `order by occurred_at ${direction}, id ${direction}`;
  let sql: string;
  if (filter.actor !== undefined) {
    const byUser = whereClause(filter, page, params, 'actor_username');
    const byImpersonator = whereClause(filter, page, params, 'impersonated_by');
    params.push(page.limit);
    const limit = `$${params.length}`;
    sql = `select ${COLUMNS} from (
             (select ${COLUMNS} from ledger.changes where ${byUser} ${order} limit ${limit})
             union all
             (select ${COLUMNS} from ledger.changes where ${byImpersonator} ${order} limit ${limit})
           ) as c ${order} limit ${limit}`;
  } else {
    const where = whereClause(filter, page, params);
    params.push(page.limit);
    sql = `select ${COLUMNS} from ledger.changes where ${where} ${order} limit $${params.length}`;
  }
  const result = await db.query<ChangeRecord>(sql, params);
  return result.rows.map(toChangeView);
}

/** Where a live feed stands: the newest fact position it has seen, and the last change id at it. */
export interface FeedMark {
  position: number;
  id: string;
}

export const FEED_START_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Changes after a feed mark, in feed order (the position of their newest fact, then id): what a
 * live feed sends next. Several changes can stand on one position (cascade deletions), hence
 * the id in the mark.
 */
export async function changesAfterPosition(
  db: pg.Pool | pg.ClientBase,
  cluster: string,
  after: FeedMark,
  limit: number,
): Promise<Array<ChangeView & { feedPosition: number }>> {
  const result = await db.query<ChangeRecord>(
    `select ${COLUMNS} from ledger.changes
      where cluster = $1 and (last_position, id) > ($2, $3::uuid)
      order by last_position, id limit $4`,
    [cluster, after.position, after.id, limit],
  );
  return result.rows.map((row) => ({
    ...toChangeView(row),
    feedPosition: Number(row.last_position),
  }));
}

/** The newest position any change of the cluster stands on: where a new feed starts. */
export async function latestChangePosition(
  db: pg.Pool | pg.ClientBase,
  cluster: string,
): Promise<number> {
  const result = await db.query<{ p: string | null }>(
    'select max(last_position) as p from ledger.changes where cluster = $1',
    [cluster],
  );
  return Number(result.rows[0]?.p ?? 0);
}

/** The newest changes of a cluster first. */
export async function listLatestChanges(
  db: pg.Pool | pg.ClientBase,
  cluster: string,
  limit: number,
): Promise<ChangeView[]> {
  return queryChanges(db, { cluster }, { order: 'desc', limit });
}
