import { trackedKindOf, uuidV5 } from '@policy-ledger/audit';
import { type SemanticChange, summariseRisk } from '@policy-ledger/policy';
import type pg from 'pg';
import {
  auditChangeKey,
  entryFromAuditChange,
  entryFromObservation,
  observedChangeKey,
} from '../history-entry';
import type { AuditChangeFact, MessageDeadLetteredFact, ObjectObservedFact } from '../ledger-fact';
import { mergeTwins } from '../merge-twins';
import {
  type CascadeCause,
  compareEventTime,
  EMPTY_STATE,
  type EventTime,
  foldObjectHistory,
  type HistoryEntry,
  type ObjectHistory,
  type ObjectState,
} from '../object-history';
import { type ObjectKey, objectKeyText, parseObjectKeyText } from '../object-key';
import type { RecordedEvent } from '../recorded-event';
import { tierOf } from '../tier-of';

export const READ_MODELS_PROJECTION = 'read-models';

/** The PostgreSQL notification channel that announces committed changes. */
export const CHANGE_FEED_CHANNEL = 'policy_ledger_changes';

function riskOf(summary: readonly SemanticChange[]): string | null {
  const { highest } = summariseRisk(summary);
  return highest === 'none' ? null : highest;
}

/** Namespace for the deterministic ids of change rows: a rebuild gives every change the same id. */
const CHANGE_ID_NAMESPACE = '5b0f3c2e-8d1a-5e67-9c4b-2f7a1d3e6b90';

export function changeId(cluster: string, changeKey: string): string {
  return uuidV5(CHANGE_ID_NAMESPACE, `${cluster}\n${changeKey}`);
}

interface ChangeRow {
  id: string;
  cluster: string;
  change_key: string;
  object_key: string | null;
  api_group: string;
  resource: string;
  kind: string;
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
  request_received_at: string | null;
  tiebreak: string;
  audit_id: string | null;
  level: string | null;
  status_code: number | null;
  status_reason: string | null;
  authorization_decision: string | null;
  authorization_reason: string | null;
  version: number | null;
  state_known: boolean;
  summary: SemanticChange[];
  risk: string | null;
  direct_crd: boolean;
  cascade_of: string | null;
  truncated: boolean;
  note: string | null;
  positions: number[];
  last_position: number;
}

function keyOf(
  cluster: string,
  object: { apiGroup: string; resource: string; namespace?: string; name?: string },
): string | null {
  return object.name
    ? objectKeyText({
        cluster,
        apiGroup: object.apiGroup,
        resource: object.resource,
        namespace: object.namespace,
        name: object.name,
      })
    : null;
}

function auditRow(merged: AuditChangeFact, positions: number[]): ChangeRow {
  const changeKey = auditChangeKey(merged.auditId);
  const o = merged.object;
  return {
    id: changeId(merged.cluster, changeKey),
    cluster: merged.cluster,
    change_key: changeKey,
    object_key: keyOf(merged.cluster, o),
    api_group: o.apiGroup,
    resource: o.resource,
    kind: o.kind,
    namespace: o.namespace ?? null,
    name: o.name ?? null,
    tier:
      tierOf(
        o.family,
        o.resource,
        o.name,
        merged.responseObject ??
          (merged.verb === 'create' || merged.verb === 'update' ? merged.requestObject : undefined),
      ) ?? null,
    verb: merged.verb,
    outcome: merged.outcome,
    action: provisionalAction(merged),
    actor_username: merged.actor.username || null,
    actor_groups: merged.actor.groups,
    impersonated_by: merged.actor.impersonatedBy?.username ?? null,
    source_ips: merged.actor.sourceIps,
    user_agent: merged.actor.userAgent ?? null,
    occurred_at: merged.occurredAt,
    request_received_at: merged.requestReceivedAt ?? null,
    tiebreak: merged.auditId,
    audit_id: merged.auditId,
    level: merged.level,
    status_code: merged.status?.code ?? null,
    status_reason: merged.status?.reason ?? null,
    authorization_decision: merged.authorization.decision ?? null,
    authorization_reason: merged.authorization.reason ?? null,
    version: null,
    state_known: merged.level !== 'Metadata' && merged.level !== 'None',
    summary: [],
    risk: null,
    direct_crd: o.directCrd,
    cascade_of: null,
    truncated: merged.truncated,
    note: null,
    positions: [...positions].sort((a, b) => a - b),
    last_position: Math.max(...positions),
  };
}

/** Before the object's history is folded (and for nameless requests, which have none). */
function provisionalAction(fact: AuditChangeFact): string {
  if (fact.outcome !== 'applied') return 'attempted';
  switch (fact.verb) {
    case 'create':
      return 'created';
    case 'delete':
    case 'deletecollection':
      return 'deleted';
    case 'update':
    case 'patch':
      return 'updated';
    default: {
      const unhandled: never = fact.verb;
      return unhandled;
    }
  }
}

function observedRow(event: RecordedEvent, fact: ObjectObservedFact): ChangeRow {
  const changeKey = observedChangeKey(event.eventId);
  const o = fact.object;
  return {
    id: changeId(fact.cluster, changeKey),
    cluster: fact.cluster,
    change_key: changeKey,
    object_key: keyOf(fact.cluster, o),
    api_group: o.apiGroup,
    resource: o.resource,
    kind: o.kind,
    namespace: o.namespace ?? null,
    name: o.name ?? null,
    tier: tierOf(o.family, o.resource, o.name, fact.state) ?? null,
    verb: 'observe',
    outcome: 'applied',
    action: 'observed',
    actor_username: null,
    actor_groups: [],
    impersonated_by: null,
    source_ips: [],
    user_agent: null,
    occurred_at: fact.observedAt,
    request_received_at: null,
    tiebreak: event.eventId,
    audit_id: null,
    level: null,
    status_code: null,
    status_reason: null,
    authorization_decision: null,
    authorization_reason: null,
    version: null,
    state_known: true,
    summary: [],
    risk: null,
    direct_crd: o.directCrd,
    cascade_of: null,
    truncated: false,
    note: null,
    positions: [event.position],
    last_position: event.position,
  };
}

const CHANGE_COLUMNS = `id uuid, cluster text, change_key text, object_key text, api_group text, resource text, kind text,
  namespace text, name text, tier text, verb text, outcome text, action text, actor_username text, actor_groups text[],
  impersonated_by text, source_ips text[], user_agent text, occurred_at timestamptz, request_received_at timestamptz,
  tiebreak text, audit_id text, level text, status_code integer, status_reason text, authorization_decision text,
  authorization_reason text, version integer, state_known boolean, summary jsonb, risk text, direct_crd boolean,
  cascade_of text, truncated boolean, note text, positions bigint[], last_position bigint`;

const CHANGE_NAMES = CHANGE_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]);

async function upsertChangeRows(client: pg.ClientBase, rows: ChangeRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `insert into ledger.changes (${CHANGE_NAMES.join(', ')})
     select ${CHANGE_NAMES.join(', ')} from jsonb_to_recordset($1::jsonb) as r(${CHANGE_COLUMNS})
     on conflict (cluster, change_key) do update set
       ${CHANGE_NAMES.filter((n) => n !== 'id' && n !== 'cluster' && n !== 'change_key')
         .map((n) => `${n} = excluded.${n}`)
         .join(', ')}`,
    [JSON.stringify(rows)],
  );
}

interface FactsByPosition {
  load(positions: number[]): Promise<Map<number, RecordedEvent['data']>>;
}

function factLoader(client: pg.ClientBase, known: readonly RecordedEvent[]): FactsByPosition {
  const cache = new Map<number, RecordedEvent['data']>(known.map((e) => [e.position, e.data]));
  return {
    async load(positions) {
      const missing = positions.filter((p) => !cache.has(p));
      if (missing.length > 0) {
        const rows = await client.query<{ position: string; data: RecordedEvent['data'] }>(
          'select position, data from ledger.events where position = any($1::bigint[])',
          [missing],
        );
        for (const row of rows.rows) cache.set(Number(row.position), row.data);
      }
      return new Map(positions.map((p) => [p, cache.get(p)!]));
    },
  };
}

/** A change as the fold needs it: merged facts for audit changes, the state for observations. */
async function historyEntryOf(
  row: Pick<ChangeRow, 'change_key' | 'positions'>,
  facts: FactsByPosition,
): Promise<HistoryEntry> {
  const data = await facts.load(row.positions.map(Number));
  if (row.change_key.startsWith('observed:')) {
    return entryFromObservation(
      row.change_key.slice('observed:'.length),
      data.get(Number(row.positions[0]))! as unknown as ObjectObservedFact,
    );
  }
  return entryFromAuditChange(mergeTwins([...data.values()] as unknown as AuditChangeFact[]));
}

interface ObjectRow {
  object_key: string;
  kind: string;
  version: number;
  exists: boolean;
  state_known: boolean;
  unknown_since: string | null;
  object: Record<string, unknown> | null;
  uid: string | null;
  since: string;
  last_occurred_at: string;
  last_received_at: string | null;
  last_tiebreak: string;
}

function stateOf(row: ObjectRow): ObjectState {
  return {
    exists: row.exists,
    object: row.object,
    known: row.state_known,
    ...(row.unknown_since ? { unknownSince: row.unknown_since } : {}),
    ...(row.uid ? { uid: row.uid } : {}),
    version: row.version,
    lastTime: {
      occurredAt: row.last_occurred_at,
      ...(row.last_received_at ? { requestReceivedAt: row.last_received_at } : {}),
      tiebreak: row.last_tiebreak,
    },
  };
}

interface Affected {
  key: string;
  kind?: string;
  family?: AuditChangeFact['object']['family'];
  /** Entries new in this batch; when all come after the stored history, the fold continues from there. */
  fresh: Map<string, ChangeRow>;
  full: boolean;
}

const MICRO = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** A deletion that cascades, with who asked for it: cascade rows are attributed to that request. */
interface CauseRow {
  change_key: string;
  resource: string;
  tiebreak: string;
  occurred_at: string;
  request_received_at: string | null;
  audit_id: string | null;
  actor_username: string | null;
  actor_groups: string[];
  impersonated_by: string | null;
  source_ips: string[];
  user_agent: string | null;
  last_position: string;
  positions: string[];
}

async function cascadeCausesFor(client: pg.ClientBase, key: ObjectKey): Promise<CauseRow[]> {
  if (!key.namespace) return [];
  const rows = await client.query<CauseRow>(
    `select change_key, resource, tiebreak, audit_id, actor_username, actor_groups, impersonated_by, source_ips, user_agent, last_position, positions,
            to_char(occurred_at at time zone 'UTC', ${MICRO}) as occurred_at,
            to_char(request_received_at at time zone 'UTC', ${MICRO}) as request_received_at
       from ledger.changes
      where cluster = $1 and outcome = 'applied' and cascade_of is null and (
            (api_group = '' and resource = 'namespaces' and verb = 'delete' and name = $2)
         or (api_group = $3 and resource = $4 and verb = 'deletecollection' and namespace = $2))`,
    [key.cluster, key.namespace, key.apiGroup, key.resource],
  );
  return rows.rows;
}

function toCascadeCause(r: CauseRow): CascadeCause {
  return {
    changeKey: r.change_key,
    reason: r.resource === 'namespaces' ? 'namespace-deleted' : 'collection-deleted',
    occurredAt: r.occurred_at,
    ...(r.request_received_at ? { requestReceivedAt: r.request_received_at } : {}),
    tiebreak: r.tiebreak,
  };
}

async function allEntriesFor(
  client: pg.ClientBase,
  key: string,
  facts: FactsByPosition,
): Promise<HistoryEntry[]> {
  const rows = await client.query<{ change_key: string; positions: string[] }>(
    'select change_key, positions from ledger.changes where object_key = $1 and cascade_of is null',
    [key],
  );
  // One query for every change's facts: a client runs one query at a time.
  await facts.load(rows.rows.flatMap((r) => r.positions.map(Number)));
  const entries: HistoryEntry[] = [];
  for (const r of rows.rows)
    entries.push(
      await historyEntryOf({ change_key: r.change_key, positions: r.positions.map(Number) }, facts),
    );
  return entries;
}

function timeOf(row: ChangeRow): EventTime {
  return {
    occurredAt: row.occurred_at,
    ...(row.request_received_at ? { requestReceivedAt: row.request_received_at } : {}),
    tiebreak: row.tiebreak,
  };
}

/**
 * Folds newly appended events into the read models, inside the caller's transaction. Twins are
 * merged per auditID; each object touched is refolded — incrementally when its new changes all
 * come after its stored history, from the start otherwise (late or out-of-order delivery), so
 * the result never depends on arrival order.
 */
export async function projectEvents(
  client: pg.ClientBase,
  events: readonly RecordedEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const facts = factLoader(client, events);
  const rows = new Map<string, ChangeRow>();
  const affected = new Map<string, Affected>();
  const touch = (key: string | null, row?: ChangeRow): Affected | undefined => {
    if (!key) return undefined;
    let entry = affected.get(key);
    if (!entry) {
      entry = { key, fresh: new Map(), full: false };
      affected.set(key, entry);
    }
    if (row) {
      entry.kind = row.kind;
      entry.fresh.set(row.change_key, row);
    }
    return entry;
  };

  const auditGroups = new Map<string, { cluster: string; auditId: string; positions: number[] }>();
  const memberships: Array<{ cluster: string; username: string; group: string; at: string }> = [];
  const deadLetters: Array<{ position: number; fact: MessageDeadLetteredFact }> = [];
  for (const event of events) {
    switch (event.type) {
      case 'AuditChangeRecorded':
      case 'AuditChangeEnriched': {
        const fact = event.data as unknown as AuditChangeFact;
        const group = `${fact.cluster}\n${fact.auditId}`;
        const entry = auditGroups.get(group) ?? {
          cluster: fact.cluster,
          auditId: fact.auditId,
          positions: [],
        };
        entry.positions.push(event.position);
        auditGroups.set(group, entry);
        if (fact.actor.username) {
          for (const g of fact.actor.groups)
            memberships.push({
              cluster: fact.cluster,
              username: fact.actor.username,
              group: g,
              at: fact.occurredAt,
            });
        }
        break;
      }
      case 'ObjectObserved': {
        const row = observedRow(event, event.data as unknown as ObjectObservedFact);
        rows.set(`${row.cluster}\n${row.change_key}`, row);
        touch(row.object_key, row);
        break;
      }
      case 'MessageDeadLettered':
        deadLetters.push({
          position: event.position,
          fact: event.data as unknown as MessageDeadLetteredFact,
        });
        break;
      default:
        throw new Error(
          `read models: unknown event type ${event.type} at position ${event.position}`,
        );
    }
  }

  if (auditGroups.size > 0) {
    const groups = [...auditGroups.values()];
    const existing = await client.query<{
      cluster: string;
      change_key: string;
      positions: string[];
      object_key: string | null;
    }>(
      `select cluster, change_key, positions, object_key from ledger.changes
        where (cluster, change_key) in (select * from unnest($1::text[], $2::text[]))`,
      [groups.map((g) => g.cluster), groups.map((g) => auditChangeKey(g.auditId))],
    );
    const previous = new Map(existing.rows.map((r) => [`${r.cluster}\n${r.change_key}`, r]));
    for (const g of groups) {
      const before = previous.get(`${g.cluster}\n${auditChangeKey(g.auditId)}`);
      const positions = [...new Set([...(before?.positions.map(Number) ?? []), ...g.positions])];
      const data = await facts.load(positions);
      const merged = mergeTwins([...data.values()] as unknown as AuditChangeFact[]);
      const row = auditRow(merged, positions);
      rows.set(`${row.cluster}\n${row.change_key}`, row);
      if (before?.object_key && before.object_key !== row.object_key)
        touch(before.object_key)!.full = true;
      touch(row.object_key, row);
      if (
        row.outcome === 'applied' &&
        row.api_group === '' &&
        row.resource === 'namespaces' &&
        row.verb === 'delete' &&
        row.name
      ) {
        await touchNamespace(client, row.cluster, row.name, touch);
      }
      if (row.outcome === 'applied' && row.verb === 'deletecollection') {
        await touchCollection(client, row, touch);
      }
    }
  }

  await upsertChangeRows(client, [...rows.values()]);
  await refoldObjects(client, [...affected.values()], facts);
  await recordMemberships(client, memberships);
  await recordDeadLetters(client, deadLetters);
  await client.query(
    `insert into ledger.projection_checkpoints (name, position, updated_at) values ($1, $2, now())
     on conflict (name) do update set position = greatest(ledger.projection_checkpoints.position, excluded.position), updated_at = now()`,
    [READ_MODELS_PROJECTION, Math.max(...events.map((e) => e.position))],
  );
  // Delivered on commit, to every API instance listening: live feeds need not poll.
  await client.query('select pg_notify($1, $2)', [
    CHANGE_FEED_CHANNEL,
    JSON.stringify({
      position: Math.max(...events.map((e) => e.position)),
      clusters: [...new Set([...rows.values()].map((r) => r.cluster))],
    }),
  ]);
}

async function touchNamespace(
  client: pg.ClientBase,
  cluster: string,
  namespace: string,
  touch: (key: string) => Affected | undefined,
): Promise<void> {
  const result = await client.query<{ object_key: string }>(
    'select object_key from ledger.objects where cluster = $1 and namespace = $2',
    [cluster, namespace],
  );
  for (const r of result.rows) touch(r.object_key)!.full = true;
}

async function touchCollection(
  client: pg.ClientBase,
  row: ChangeRow,
  touch: (key: string) => Affected | undefined,
): Promise<void> {
  const result = await client.query<{ object_key: string }>(
    `select object_key from ledger.objects
      where cluster = $1 and api_group = $2 and resource = $3 and namespace is not distinct from $4`,
    [row.cluster, row.api_group, row.resource, row.namespace],
  );
  for (const r of result.rows) touch(r.object_key)!.full = true;
}

async function refoldObjects(
  client: pg.ClientBase,
  affected: Affected[],
  facts: FactsByPosition,
): Promise<void> {
  if (affected.length === 0) return;
  const stored = await client.query<ObjectRow>(
    `select object_key, kind, version, exists, state_known, object, uid, since,
            to_char(unknown_since at time zone 'UTC', ${MICRO}) as unknown_since,
            last_occurred_at, last_received_at, last_tiebreak
       from ledger.objects where object_key = any($1::text[])`,
    [affected.map((a) => a.key)],
  );
  const storedByKey = new Map(stored.rows.map((r) => [r.object_key, r]));

  const versionRows: unknown[] = [];
  const outcomeRows: unknown[] = [];
  const cascadeRows: ChangeRow[] = [];
  const objectRows: unknown[] = [];
  const refolded: string[] = [];
  const causesByKey = new Map<string, CauseRow>();

  for (const item of affected) {
    const key = parseObjectKeyText(item.key);
    const previous = storedByKey.get(item.key);
    const kind = item.kind ?? previous?.kind;
    if (!kind) continue;
    const freshRows = [...item.fresh.values()];
    const inOrder =
      !item.full &&
      previous !== undefined &&
      freshRows.every((r) => compareEventTime(timeOf(r), stateOf(previous).lastTime!) > 0);

    let history: ObjectHistory;
    if (inOrder) {
      await facts.load(freshRows.flatMap((r) => r.positions.map(Number)));
      const entries: HistoryEntry[] = [];
      for (const r of freshRows) entries.push(await historyEntryOf(r, facts));
      history = foldObjectHistory({ kind, key: item.key }, entries, [], stateOf(previous));
    } else {
      const entries = await allEntriesFor(client, item.key, facts);
      for (const r of freshRows) {
        if (!entries.some((e) => e.changeKey === r.change_key))
          entries.push(await historyEntryOf(r, facts));
      }
      const causes = await cascadeCausesFor(client, key);
      for (const cause of causes) causesByKey.set(cause.change_key, cause);
      history = foldObjectHistory(
        { kind, key: item.key },
        entries,
        causes.map(toCascadeCause),
        EMPTY_STATE,
      );
      refolded.push(item.key);
    }
    collectWrites(
      item,
      key,
      kind,
      history,
      { versionRows, outcomeRows, cascadeRows, objectRows },
      freshRows,
      previous,
      causesByKey,
    );
  }

  if (refolded.length > 0) {
    await client.query('delete from ledger.object_versions where object_key = any($1::text[])', [
      refolded,
    ]);
    await client.query(
      'delete from ledger.changes where object_key = any($1::text[]) and cascade_of is not null',
      [refolded],
    );
  }
  if (versionRows.length > 0) {
    await client.query(
      `insert into ledger.object_versions
         (object_key, version, cluster, api_group, resource, kind, namespace, name, change_key, occurred_at, action,
          object, state_known, unknown_since, deleted, uid, tier, patch, summary, cascade_reason, note)
       select * from jsonb_to_recordset($1::jsonb) as r(object_key text, version integer, cluster text, api_group text,
          resource text, kind text, namespace text, name text, change_key text, occurred_at timestamptz, action text,
          object jsonb, state_known boolean, unknown_since timestamptz, deleted boolean, uid text, tier text, patch jsonb,
          summary jsonb, cascade_reason text, note text)`,
      [JSON.stringify(versionRows)],
    );
  }
  if (outcomeRows.length > 0) {
    await client.query(
      `update ledger.changes c
          set action = r.action, version = r.version, state_known = r.state_known, summary = r.summary,
              risk = r.risk, note = r.note, tier = coalesce(r.tier, c.tier)
         from jsonb_to_recordset($1::jsonb) as r(cluster text, change_key text, action text, version integer,
              state_known boolean, summary jsonb, risk text, note text, tier text)
        where c.cluster = r.cluster and c.change_key = r.change_key`,
      [JSON.stringify(outcomeRows)],
    );
  }
  await upsertChangeRows(client, cascadeRows);
  if (objectRows.length > 0) {
    await client.query(
      `insert into ledger.objects
         (object_key, cluster, api_group, resource, kind, namespace, name, version, exists, state_known, unknown_since,
          object, uid, tier, since, last_occurred_at, last_received_at, last_tiebreak)
       select * from jsonb_to_recordset($1::jsonb) as r(object_key text, cluster text, api_group text, resource text,
          kind text, namespace text, name text, version integer, exists boolean, state_known boolean,
          unknown_since timestamptz, object jsonb, uid text, tier text, since timestamptz, last_occurred_at text,
          last_received_at text, last_tiebreak text)
       on conflict (object_key) do update set
          kind = excluded.kind, version = excluded.version, exists = excluded.exists, state_known = excluded.state_known,
          unknown_since = excluded.unknown_since, object = excluded.object, uid = excluded.uid, tier = excluded.tier,
          since = excluded.since, last_occurred_at = excluded.last_occurred_at,
          last_received_at = excluded.last_received_at, last_tiebreak = excluded.last_tiebreak`,
      [JSON.stringify(objectRows)],
    );
  }
}

interface Writes {
  versionRows: unknown[];
  outcomeRows: unknown[];
  cascadeRows: ChangeRow[];
  objectRows: unknown[];
}

function collectWrites(
  item: Affected,
  key: ObjectKey,
  kind: string,
  history: ObjectHistory,
  writes: Writes,
  freshRows: ChangeRow[],
  previous: ObjectRow | undefined,
  causes: ReadonlyMap<string, CauseRow>,
): void {
  const family = trackedKindOf(key.apiGroup, key.resource)?.family;
  const tierFor = (object: unknown) =>
    family ? (tierOf(family, key.resource, key.name, object) ?? null) : null;
  const cascadeTemplate = freshRows[0];
  for (const v of history.versions) {
    const tier = tierFor(v.object);
    writes.versionRows.push({
      object_key: item.key,
      version: v.version,
      cluster: key.cluster,
      api_group: key.apiGroup,
      resource: key.resource,
      kind,
      namespace: key.namespace ?? null,
      name: key.name,
      change_key: v.changeKey,
      occurred_at: v.occurredAt,
      action: v.action,
      object: v.object,
      state_known: v.stateKnown,
      unknown_since: v.unknownSince ?? null,
      deleted: v.deleted,
      uid: v.uid ?? null,
      tier,
      patch: v.patch,
      summary: v.summary,
      cascade_reason: v.cascade?.reason ?? null,
      note: v.note ?? null,
    });
    if (v.cascade) {
      writes.cascadeRows.push(
        cascadeRow(
          key,
          item.key,
          kind,
          v,
          tier,
          cascadeTemplate,
          causes.get(v.cascade.causeChangeKey),
        ),
      );
    }
  }
  for (const o of history.outcomes) {
    const version =
      o.version === null ? undefined : history.versions.find((v) => v.version === o.version);
    writes.outcomeRows.push({
      cluster: key.cluster,
      change_key: o.changeKey,
      action: o.action,
      version: o.version,
      state_known: o.stateKnown,
      summary: o.summary,
      risk: riskOf(o.summary),
      note: o.note ?? null,
      tier: version ? tierFor(version.object) : null,
    });
  }
  const final = history.final;
  const last = history.versions.at(-1);
  // An object only ever attempted (say, a denied create) has no versions and gets no row.
  if (!last && !previous) return;
  const lastTime = final.lastTime ?? { occurredAt: '', tiebreak: '' };
  writes.objectRows.push({
    object_key: item.key,
    cluster: key.cluster,
    api_group: key.apiGroup,
    resource: key.resource,
    kind,
    namespace: key.namespace ?? null,
    name: key.name,
    version: final.version,
    exists: final.exists,
    state_known: final.known,
    unknown_since: final.unknownSince ?? null,
    object: final.object,
    uid: final.uid ?? null,
    tier: tierFor(final.object),
    since: last?.occurredAt ?? previous?.since,
    last_occurred_at: lastTime.occurredAt,
    last_received_at: lastTime.requestReceivedAt ?? null,
    last_tiebreak: lastTime.tiebreak,
  });
}

function cascadeRow(
  key: ObjectKey,
  objectKey: string,
  kind: string,
  version: ObjectHistory['versions'][number],
  tier: string | null,
  template: ChangeRow | undefined,
  cause: CauseRow | undefined,
): ChangeRow {
  return {
    id: changeId(key.cluster, version.changeKey),
    cluster: key.cluster,
    change_key: version.changeKey,
    object_key: objectKey,
    api_group: key.apiGroup,
    resource: key.resource,
    kind,
    namespace: key.namespace ?? null,
    name: key.name,
    tier,
    verb: 'delete',
    outcome: 'applied',
    action: 'deleted',
    actor_username: cause?.actor_username ?? null,
    actor_groups: cause?.actor_groups ?? [],
    impersonated_by: cause?.impersonated_by ?? null,
    source_ips: cause?.source_ips ?? [],
    user_agent: cause?.user_agent ?? null,
    occurred_at: version.occurredAt,
    request_received_at: null,
    tiebreak: version.changeKey,
    audit_id: cause?.audit_id ?? null,
    level: null,
    status_code: null,
    status_reason: null,
    authorization_decision: null,
    authorization_reason: null,
    version: version.version,
    state_known: version.stateKnown,
    summary: version.summary,
    risk: riskOf(version.summary),
    direct_crd: template?.direct_crd ?? false,
    cascade_of: version.cascade?.causeChangeKey ?? null,
    truncated: false,
    last_position: Number(cause?.last_position ?? 0),
    note:
      version.cascade?.reason === 'namespace-deleted'
        ? 'deleted with its namespace'
        : 'deleted by a deletecollection request',
    // The evidence of a cascade deletion is the request that deleted the namespace (or collection).
    positions: (cause?.positions ?? []).map(Number),
  };
}

async function recordMemberships(
  client: pg.ClientBase,
  memberships: Array<{ cluster: string; username: string; group: string; at: string }>,
): Promise<void> {
  if (memberships.length === 0) return;
  await client.query(
    `insert into ledger.identity_groups (cluster, username, group_name, first_seen, last_seen)
     select cluster, username, group_name, min(at), max(at)
       from jsonb_to_recordset($1::jsonb) as r(cluster text, username text, group_name text, at timestamptz)
      group by cluster, username, group_name
     on conflict (cluster, username, group_name) do update set
       first_seen = least(ledger.identity_groups.first_seen, excluded.first_seen),
       last_seen = greatest(ledger.identity_groups.last_seen, excluded.last_seen)`,
    [
      JSON.stringify(
        memberships.map((m) => ({
          cluster: m.cluster,
          username: m.username,
          group_name: m.group,
          at: m.at,
        })),
      ),
    ],
  );
}

async function recordDeadLetters(
  client: pg.ClientBase,
  deadLetters: Array<{ position: number; fact: MessageDeadLetteredFact }>,
): Promise<void> {
  if (deadLetters.length === 0) return;
  await client.query(
    `insert into ledger.dead_letters (position, cluster, reason, source, size, dead_lettered_at)
     select * from jsonb_to_recordset($1::jsonb) as r(position bigint, cluster text, reason text, source jsonb, size integer, dead_lettered_at timestamptz)
     on conflict (position) do nothing`,
    [
      JSON.stringify(
        deadLetters.map((d) => ({
          position: d.position,
          cluster: d.fact.cluster,
          reason: d.fact.reason,
          source: d.fact.source,
          size: d.fact.size,
          dead_lettered_at: d.fact.deadLetteredAt,
        })),
      ),
    ],
  );
}
