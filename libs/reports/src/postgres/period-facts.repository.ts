import { kubectlResource, readPagesAhead } from '@policy-ledger/ledger';
import type pg from 'pg';
import type {
  ChangeEvidence,
  ChangeOutcome,
  ChangeRow,
  ChangeRows,
  DeniedAttemptsByActor,
  ReportScope,
  Risk,
} from '../report-model';
import type { TrailStats } from '../summarise-trail-completeness';

type Db = pg.Pool | pg.ClientBase;

/** Kinds whose changes count as policy changes in the per-tier table. */
const POLICY_RESOURCES = [
  'networkpolicies',
  'globalnetworkpolicies',
  'stagednetworkpolicies',
  'stagedglobalnetworkpolicies',
  'stagedkubernetesnetworkpolicies',
];

const CHANGE_VERBS = ['create', 'update', 'patch'];

function scopeParams(scope: ReportScope): [string | null, string, string] {
  return [scope.cluster, scope.from, scope.to];
}

const IN_SCOPE = `($1::text is null or cluster = $1) and occurred_at >= $2 and occurred_at < $3`;

export async function outcomeCounts(
  db: Db,
  scope: ReportScope,
): Promise<Record<ChangeOutcome, number>> {
  const { rows } = await db.query<{ outcome: ChangeOutcome; n: number }>(
    `select outcome, count(*)::int as n from ledger.changes where ${IN_SCOPE} and cascade_of is null group by outcome`,
    scopeParams(scope),
  );
  const counts: Record<ChangeOutcome, number> = { applied: 0, denied: 0, failed: 0, dryrun: 0 };
  for (const row of rows) counts[row.outcome] = row.n;
  return counts;
}

export async function topActors(
  db: Db,
  scope: ReportScope,
  limit: number,
): Promise<Array<{ actor: string; changes: number; denied: number }>> {
  const { rows } = await db.query<{ actor: string; changes: number; denied: number }>(
    `select actor_username as actor, count(*)::int as changes, count(*) filter (where outcome = 'denied')::int as denied
       from ledger.changes where ${IN_SCOPE} and cascade_of is null and actor_username is not null
      group by actor_username order by changes desc, actor_username limit $4`,
    [...scopeParams(scope), limit],
  );
  return rows;
}

export async function changesPerDay(
  db: Db,
  scope: ReportScope,
): Promise<Array<{ day: string } & Record<ChangeOutcome, number>>> {
  const { rows } = await db.query<{ day: string; outcome: ChangeOutcome; n: number }>(
    `select to_char(date_trunc('day', occurred_at at time zone 'UTC'), 'YYYY-MM-DD') as day, outcome, count(*)::int as n
       from ledger.changes where ${IN_SCOPE} and cascade_of is null group by 1, 2 order by 1`,
    scopeParams(scope),
  );
  const byDay = new Map<string, { day: string } & Record<ChangeOutcome, number>>();
  const first = new Date(`${scope.from.slice(0, 10)}T00:00:00Z`);
  for (let day = first; day.toISOString() < scope.to; day = new Date(day.getTime() + 86_400_000)) {
    const key = day.toISOString().slice(0, 10);
    byDay.set(key, { day: key, applied: 0, denied: 0, failed: 0, dryrun: 0 });
  }
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (entry) entry[row.outcome] = row.n;
  }
  return [...byDay.values()];
}

export async function countsPerTier(db: Db, scope: ReportScope) {
  const { rows } = await db.query<{
    cluster: string;
    tier: string;
    created: number;
    modified: number;
    deleted: number;
  }>(
    `select cluster, coalesce(tier, '(unknown)') as tier,
            count(*) filter (where action = 'created')::int as created,
            count(*) filter (where action = 'updated')::int as modified,
            count(*) filter (where action = 'deleted')::int as deleted
       from ledger.changes
      where ${IN_SCOPE} and outcome = 'applied' and resource = any($4::text[]) and api_group <> 'crd.projectcalico.org'
      group by cluster, 2 order by cluster, 2`,
    [...scopeParams(scope), POLICY_RESOURCES],
  );
  return rows;
}

/** Denied and failed attempts per actor, with what they aimed at and the audit IDs behind them. */
export async function deniedAndFailed(
  db: Db,
  scope: ReportScope,
): Promise<DeniedAttemptsByActor[]> {
  const { rows } = await db.query<{
    cluster: string;
    actor: string;
    denied: number;
    failed: number;
    targets: string[];
    audit_ids: string[];
  }>(
    `select cluster, coalesce(actor_username, '(unauthenticated)') as actor,
            count(*) filter (where outcome = 'denied')::int as denied,
            count(*) filter (where outcome = 'failed')::int as failed,
            (array_agg(distinct resource || coalesce('.' || nullif(api_group, ''), '') || ' ' || coalesce(namespace || '/', '') || coalesce(name, '(collection)')))[1:20] as targets,
            (array_agg(audit_id order by occurred_at))[1:50] as audit_ids
       from ledger.changes where ${IN_SCOPE} and outcome in ('denied', 'failed')
      group by cluster, 2 order by denied desc, failed desc, 2`,
    scopeParams(scope),
  );
  return rows.map((r) => ({
    cluster: r.cluster,
    actor: r.actor,
    denied: r.denied,
    failed: r.failed,
    targets: r.targets,
    auditIds: r.audit_ids.filter(Boolean),
  }));
}

/** What the audit trail held per resource in the period, and what it could not see. */
export async function trailStats(db: Db, scope: ReportScope): Promise<TrailStats[]> {
  const { rows } = await db.query<{
    cluster: string;
    api_group: string;
    resource: string;
    events: number;
    metadata_only: number;
    truncated: number;
    unknown_states: number;
  }>(
    `select c.cluster, c.api_group, c.resource, count(*)::int as events,
            count(*) filter (where c.level = 'Metadata' and c.outcome = 'applied' and c.verb = any($4::text[]))::int as metadata_only,
            count(*) filter (where c.truncated)::int as truncated,
            (select count(*)::int from ledger.object_versions v
              where v.cluster = c.cluster and v.api_group = c.api_group and v.resource = c.resource
                and v.occurred_at >= $2 and v.occurred_at < $3 and not v.state_known) as unknown_states
       from ledger.changes c
      where ($1::text is null or c.cluster = $1) and c.occurred_at >= $2 and c.occurred_at < $3 and c.cascade_of is null
      group by c.cluster, c.api_group, c.resource order by c.cluster, c.api_group, c.resource`,
    [...scopeParams(scope), CHANGE_VERBS],
  );
  const dead = await db.query<{ cluster: string; n: number }>(
    `select cluster, count(*)::int as n from ledger.dead_letters
      where ($1::text is null or cluster = $1) and dead_lettered_at >= $2 and dead_lettered_at < $3 group by cluster`,
    scopeParams(scope),
  );
  const stats: TrailStats[] = rows.map((r) => ({
    cluster: r.cluster,
    resource: kubectlResource(r.api_group, r.resource),
    events: r.events,
    metadataOnly: r.metadata_only,
    truncated: r.truncated,
    unknownStates: r.unknown_states,
    deadLetters: 0,
    expectsBodies: true,
  }));
  for (const d of dead.rows) {
    stats.push({
      cluster: d.cluster,
      resource: '(undecodable messages)',
      events: 0,
      metadataOnly: 0,
      truncated: 0,
      unknownStates: 0,
      deadLetters: d.n,
      expectsBodies: false,
    });
  }
  return stats;
}

interface ChangeRecord {
  id: string;
  cluster: string;
  occurred_at: string;
  actor_username: string | null;
  impersonated_by: string | null;
  source_ips: string[];
  verb: string;
  outcome: ChangeOutcome;
  action: string;
  api_group: string;
  resource: string;
  namespace: string | null;
  name: string | null;
  tier: string | null;
  risk: Risk | null;
  summary: Array<{ summary?: string }>;
  audit_id: string | null;
  positions: string[];
  version: number | null;
  cascade_of: string | null;
  direct_crd: boolean;
}

/** Optional fields are assigned only when present: a hot path, 100,000 rows a report, twice. */
function toChangeRow(r: ChangeRecord): ChangeRow {
  const row: ChangeRow = {
    id: r.id,
    cluster: r.cluster,
    occurredAt: r.occurred_at,
    actor: r.actor_username,
    verb: r.verb,
    outcome: r.outcome,
    action: r.action,
    resource: kubectlResource(r.api_group, r.resource),
    summary: [],
    positions: r.positions.map(Number),
    cascade: r.cascade_of !== null,
    directCrd: r.direct_crd,
  };
  if (r.impersonated_by) row.impersonatedBy = r.impersonated_by;
  // Only the last source IP is one the API server saw itself; the others came from headers.
  if (r.source_ips.length > 0) row.sourceIp = r.source_ips[r.source_ips.length - 1]!;
  if (r.namespace) row.namespace = r.namespace;
  if (r.name) row.name = r.name;
  if (r.tier) row.tier = r.tier;
  if (r.risk) row.risk = r.risk;
  for (const s of r.summary) if (s.summary) row.summary.push(s.summary);
  if (r.audit_id) row.auditId = r.audit_id;
  if (r.version !== null) row.version = r.version;
  return row;
}

/** Two pages are held at once (one read ahead): 500 rows each, as much as one page of 1,000. */
const PAGE = 500;

/**
 * Every change in the period, oldest first, read in keyset pages (the next one while the last is
 * consumed): the table of any period streams through in bounded memory, as often as a renderer
 * opens it. Its evidence is the same pages with only the columns the appendix lists.
 */
export async function changeRows(db: Db, scope: ReportScope): Promise<ChangeRows> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from ledger.changes where ${IN_SCOPE}`,
    scopeParams(scope),
  );
  const count = rows[0]?.n ?? 0;
  return {
    count,
    open: () => readChangePages(db, scope, CHANGE_COLUMNS, toChangeRow),
    evidence: {
      count,
      open: () => readChangePages(db, scope, EVIDENCE_COLUMNS, toChangeEvidence),
    },
  };
}

const CHANGE_COLUMNS = `id, cluster, occurred_at, actor_username, impersonated_by, source_ips, verb, outcome, action,
  api_group, resource, namespace, name, tier, risk, summary, audit_id, positions, version, cascade_of, direct_crd`;

const EVIDENCE_COLUMNS = 'id, occurred_at, audit_id, positions, version';

type EvidenceRecord = Pick<
  ChangeRecord,
  'id' | 'occurred_at' | 'audit_id' | 'positions' | 'version'
>;

function toChangeEvidence(r: EvidenceRecord): ChangeEvidence {
  const evidence: ChangeEvidence = {
    id: r.id,
    occurredAt: r.occurred_at,
    positions: r.positions.map(Number),
  };
  if (r.audit_id) evidence.auditId = r.audit_id;
  if (r.version !== null) evidence.version = r.version;
  return evidence;
}

/** The period's changes in keyset pages of `columns` (id and occurred_at among them). */
async function* readChangePages<R extends { id: string; occurred_at: string }, T>(
  db: Db,
  scope: ReportScope,
  columns: string,
  toRow: (record: R) => T,
): AsyncGenerator<T> {
  const read = (client: pg.ClientBase, after?: [string, string]) =>
    client
      .query<R>(
        `select ${columns}
           from ledger.changes
          where ${IN_SCOPE} ${after ? 'and (occurred_at, id) > ($5, $6)' : ''}
          order by occurred_at, id limit $4`,
        [...scopeParams(scope), PAGE, ...(after ?? [])],
      )
      .then((result) => result.rows);
  // The next page is read while this one is rendered: PostgreSQL and the renderer overlap.
  const pages = readPagesAhead(
    db,
    (client) => read(client),
    (client, page) => {
      const last = page.at(-1);
      return page.length < PAGE || !last ? undefined : read(client, [last.occurred_at, last.id]);
    },
  );
  for await (const page of pages) for (const row of page) yield toRow(row);
}

/** The clusters the ledger knows of: a report over all clusters covers each. */
export async function knownClusters(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ cluster: string }>(
    'select distinct cluster from ledger.objects union select distinct cluster from ledger.changes order by 1',
  );
  return rows.map((r) => r.cluster);
}
