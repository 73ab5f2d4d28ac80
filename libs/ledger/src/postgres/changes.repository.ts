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
}

export const CHANGE_VIEW_COLUMNS = `id, cluster, api_group, resource, namespace, name, tier, verb, outcome, action,
  actor_username, actor_groups, impersonated_by, source_ips, user_agent, occurred_at, audit_id, status_code,
  authorization_reason, version, state_known, direct_crd, cascade_of, risk, summary, note`;

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
  };
}

/** The newest changes of a cluster first. */
export async function listLatestChanges(
  db: pg.Pool | pg.ClientBase,
  cluster: string,
  limit: number,
): Promise<ChangeView[]> {
  const result = await db.query<ChangeRecord>(
    `select ${CHANGE_VIEW_COLUMNS} from ledger.changes where cluster = $1 order by occurred_at desc, id desc limit $2`,
    [cluster, limit],
  );
  return result.rows.map(toChangeView);
}
