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
import {
  collectionStreamId,
  type ObjectKey,
  objectKeyText,
  parseObjectKeyText,
} from '../object-key';
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
  /** Fetches, in one query, the facts not known yet. */
  prefetch(positions: Iterable<number>): Promise<void>;
  get(position: number): RecordedEvent['data'];
}

function factLoader(client: pg.ClientBase, known: readonly RecordedEvent[]): FactsByPosition {
  const cache = new Map<number, RecordedEvent['data']>(known.map((e) => [e.position, e.data]));
  return {
    async prefetch(positions) {
      const missing = [...new Set(positions)].filter((p) => !cache.has(p));
      if (missing.length === 0) return;
      const rows = await client.query<{ position: string; data: RecordedEvent['data'] }>(
        'select position, data from ledger.events where position = any($1::bigint[])',
        [missing],
      );
      for (const row of rows.rows) cache.set(Number(row.position), row.data);
    },
    get(position) {
      const data = cache.get(position);
      if (data === undefined) throw new Error(`read models: no fact at position ${position}`);
      return data;
    },
  };
}

/** A change as the fold needs it: merged facts for audit changes, the state for observations. */
function historyEntryOf(
  row: { change_key: string; positions: ReadonlyArray<number | string> },
  facts: FactsByPosition,
): HistoryEntry {
  const positions = row.positions.map(Number);
  if (row.change_key.startsWith('observed:')) {
    return entryFromObservation(
      row.change_key.slice('observed:'.length),
      facts.get(positions[0]!) as unknown as ObjectObservedFact,
    );
  }
  return entryFromAuditChange(
    mergeTwins(positions.map((p) => facts.get(p)) as unknown as AuditChangeFact[]),
  );
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
  /** Entries new in this batch; when all come after the stored history, the fold continues from there. */
  fresh: Map<string, ChangeRow>;
  full: boolean;
}

const MICRO = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** A deletion that cascades, with who asked for it: cascade rows are attributed to that request. */
interface CauseRow {
  cluster: string;
  change_key: string;
  api_group: string;
  resource: string;
  namespace: string | null;
  name: string | null;
  verb: string;
  tiebreak: string;
  occurred_at: string;
  request_received_at: string | null;
  audit_id: string | null;
  actor_username: string | null;
  actor_groups: string[];
  impersonated_by: string | null;
  source_ips: string[];
  user_agent: string | null;
  last_position: string | number;
  positions: Array<string | number>;
}

/**
 * Whether an applied deletion removes the object without an event of its own: the deletion of its
 * namespace, or a deletecollection of its kind there. storedCascadeCauses asks the same in SQL.
 */
function cascadesTo(cause: CauseRow, key: ObjectKey): boolean {
  return (
    cause.cluster === key.cluster &&
    key.namespace !== undefined &&
    ((cause.api_group === '' &&
      cause.resource === 'namespaces' &&
      cause.namespace === null &&
      cause.name === key.namespace &&
      cause.verb === 'delete') ||
      (cause.api_group === key.apiGroup &&
        cause.resource === key.resource &&
        cause.namespace === key.namespace &&
        cause.name === null &&
        cause.verb === 'deletecollection'))
  );
}

const CAUSE_COLUMNS = `cluster, change_key, api_group, resource, namespace, name, verb, tiebreak, audit_id,
  actor_username, actor_groups, impersonated_by, source_ips, user_agent, last_position, positions,
  to_char(occurred_at at time zone 'UTC', ${MICRO}) as occurred_at,
  to_char(request_received_at at time zone 'UTC', ${MICRO}) as request_received_at`;

/**
 * The stored deletions that cascade to objects of these kinds in these namespaces. Each lookup
 * reads one table through a key, so no statistics can lead the planner astray: a Namespace's
 * changes by its object key, and a deletecollection (which has no name) through its facts'
 * collection stream, then by its change key.
 */
async function storedCascadeCauses(
  client: pg.ClientBase,
  keys: readonly ObjectKey[],
): Promise<CauseRow[]> {
  const namespaceKeys = new Set<string>();
  const collections = new Set<string>();
  for (const key of keys) {
    if (!key.namespace) continue;
    namespaceKeys.add(
      objectKeyText({
        cluster: key.cluster,
        apiGroup: '',
        resource: 'namespaces',
        name: key.namespace,
      }),
    );
    collections.add(collectionStreamId(key.cluster, key.apiGroup, key.resource, key.namespace));
  }
  if (namespaceKeys.size === 0) return [];
  const namespaceDeletions = await client.query<CauseRow>(
    `select ${CAUSE_COLUMNS} from ledger.changes
      where object_key = any($1::text[]) and verb = 'delete' and outcome = 'applied' and cascade_of is null`,
    [[...namespaceKeys]],
  );
  const collectionChanges = await client.query<{ cluster: string; audit_id: string }>(
    `select distinct data ->> 'cluster' as cluster, data ->> 'auditId' as audit_id
       from ledger.events
      where stream_id = any($1::text[]) and type in ('AuditChangeRecorded', 'AuditChangeEnriched')`,
    [[...collections]],
  );
  if (collectionChanges.rows.length === 0) return namespaceDeletions.rows;
  const collectionDeletions = await client.query<CauseRow>(
    `select ${CAUSE_COLUMNS} from ledger.changes
      where (cluster, change_key) in (select * from unnest($1::text[], $2::text[]))
        and name is null and verb = 'deletecollection' and outcome = 'applied' and cascade_of is null`,
    [
      collectionChanges.rows.map((r) => r.cluster),
      collectionChanges.rows.map((r) => auditChangeKey(r.audit_id)),
    ],
  );
  return [...namespaceDeletions.rows, ...collectionDeletions.rows];
}

function toCascadeCause(r: CauseRow): CascadeCause {
  return {
    changeKey: r.change_key,
    reason: r.resource === 'namespaces' ? 'namespace-deleted' : 'collection-deleted',
    ...timeOf(r),
  };
}

/** A change's place in its object's history, from any row that carries its event time. */
function timeOf(row: {
  occurred_at: string;
  request_received_at: string | null;
  tiebreak: string;
}): EventTime {
  return {
    occurredAt: row.occurred_at,
    ...(row.request_received_at ? { requestReceivedAt: row.request_received_at } : {}),
    tiebreak: row.tiebreak,
  };
}

const rowKey = (cluster: string, changeKey: string) => `${cluster}\n${changeKey}`;

/** How long a fold runs before it lets the event loop turn. */
const YIELD_EVERY_MS = 5;

export interface StoredAuditChange {
  cluster: string;
  change_key: string;
  positions: string[];
  object_key: string | null;
}

/** The stored change rows of these audit changes, keyed by cluster and change key. */
export async function storedAuditChanges(
  client: pg.ClientBase,
  keys: ReadonlyArray<{ cluster: string; changeKey: string }>,
): Promise<Map<string, StoredAuditChange>> {
  if (keys.length === 0) return new Map();
  const rows = await client.query<StoredAuditChange>(
    `select c.cluster, c.change_key, c.positions, c.object_key
       from unnest($1::text[], $2::text[]) as k(cluster, change_key)
       join lateral (select * from ledger.changes c where c.cluster = k.cluster and c.change_key = k.change_key) c
         on true`,
    [keys.map((k) => k.cluster), keys.map((k) => k.changeKey)],
  );
  return new Map(rows.rows.map((r) => [rowKey(r.cluster, r.change_key), r]));
}

/**
 * Folds newly appended events into the read models, inside the caller's transaction. Twins are
 * merged per auditID; each object touched is refolded — incrementally when its new changes all
 * come after its stored history, from where the batch changes it otherwise (late or
 * out-of-order delivery), so the result never depends on arrival order. Every statement covers
 * the whole batch, and each change row is written once, with what the fold made of it.
 */
export async function projectEvents(
  client: pg.ClientBase,
  events: readonly RecordedEvent[],
  options: ProjectionOptions = {},
): Promise<void> {
  const projection = await prepareProjection(client, events, options);
  await projection.apply();
}

export interface ProjectionOptions {
  /** The audit changes already stored for the events' auditIDs, when the caller looked them up. */
  storedAuditChanges?: ReadonlyMap<string, StoredAuditChange>;
}

export interface PreparedProjection {
  /**
   * Folds and writes the read models. The fold needs no database, so it runs while `pending`
   * (the caller's statement in flight on the same connection, say the events' INSERT) is
   * executed; the writes follow once it is done.
   */
  apply(pending?: Promise<void>): Promise<void>;
}

/** Everything projectEvents reads, read: the events themselves need not be stored yet. */
export async function prepareProjection(
  client: pg.ClientBase,
  events: readonly RecordedEvent[],
  options: ProjectionOptions = {},
): Promise<PreparedProjection> {
  if (events.length === 0)
    return {
      apply: async (pending) => {
        await pending;
      },
    };
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
        const group = rowKey(fact.cluster, fact.auditId);
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
        rows.set(rowKey(row.cluster, row.change_key), row);
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
    const previous =
      options.storedAuditChanges ??
      (await storedAuditChanges(
        client,
        groups.map((g) => ({ cluster: g.cluster, changeKey: auditChangeKey(g.auditId) })),
      ));
    const merging = groups.map((g) => {
      const before = previous.get(rowKey(g.cluster, auditChangeKey(g.auditId)));
      const positions = [...new Set([...(before?.positions.map(Number) ?? []), ...g.positions])];
      return { before, positions };
    });
    // The earlier twins' facts, for every group at once.
    await facts.prefetch(merging.flatMap((m) => m.positions));
    for (const { before, positions } of merging) {
      const merged = mergeTwins(positions.map((p) => facts.get(p)) as unknown as AuditChangeFact[]);
      const row = auditRow(merged, positions);
      rows.set(rowKey(row.cluster, row.change_key), row);
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

  const refolds = await readRefolds(client, [...affected.values()], facts, rows);
  return {
    async apply(pending) {
      let writes: Writes;
      try {
        writes = await foldObjects(refolds, facts);
      } catch (error) {
        // One statement at a time on a connection: the caller's must end before the rollback.
        await pending?.catch(() => undefined);
        throw error;
      }
      await pending;
      await writeReadModels(client, [...rows.values()], writes);
      await recordMemberships(client, memberships);
      await recordDeadLetters(client, deadLetters);
      const head = Math.max(...events.map((e) => e.position));
      // The notification is delivered on commit, to every API instance listening: live feeds need not poll.
      await client.query(
        `with checkpoint as (
           insert into ledger.projection_checkpoints (name, position, updated_at) values ($1, $2, now())
           on conflict (name) do update set position = greatest(ledger.projection_checkpoints.position, excluded.position), updated_at = now()
           returning position)
         select pg_notify($3, $4) from checkpoint`,
        [
          READ_MODELS_PROJECTION,
          head,
          CHANGE_FEED_CHANNEL,
          JSON.stringify({
            position: head,
            clusters: [...new Set([...rows.values()].map((r) => r.cluster))],
          }),
        ],
      );
    },
  };
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

interface Refold {
  item: Affected;
  key: ObjectKey;
  kind: string;
  previous: ObjectRow | undefined;
  freshRows: ChangeRow[];
}

/** A stored change of an object, with what the fold needs to tell where a refold starts. */
interface StoredChange {
  cluster: string;
  object_key: string;
  change_key: string;
  positions: string[];
  version: number | null;
  cascade_of: string | null;
  occurred_at: string;
  request_received_at: string | null;
  tiebreak: string;
}

/** The stored changes of these objects, cascade rows included, in one query. */
async function storedChangesOf(
  client: pg.ClientBase,
  keys: readonly string[],
): Promise<StoredChange[]> {
  if (keys.length === 0) return [];
  const rows = await client.query<StoredChange>(
    `select cluster, object_key, change_key, positions, version, cascade_of, tiebreak,
            to_char(occurred_at at time zone 'UTC', ${MICRO}) as occurred_at,
            to_char(request_received_at at time zone 'UTC', ${MICRO}) as request_received_at
       from ledger.changes where object_key = any($1::text[])`,
    [keys],
  );
  return rows.rows;
}

interface VersionRow {
  object_key: string;
  version: number;
  object: Record<string, unknown> | null;
  state_known: boolean;
  unknown_since: string | null;
  deleted: boolean;
  uid: string | null;
  occurred_at: string;
}

async function storedVersions(
  client: pg.ClientBase,
  wanted: ReadonlyArray<{ key: string; version: number }>,
): Promise<Map<string, VersionRow>> {
  if (wanted.length === 0) return new Map();
  const rows = await client.query<VersionRow>(
    `select object_key, version, object, state_known, deleted, uid,
            to_char(unknown_since at time zone 'UTC', ${MICRO}) as unknown_since,
            to_char(occurred_at at time zone 'UTC', ${MICRO}) as occurred_at
       from ledger.object_versions
      where (object_key, version) in (select * from unnest($1::text[], $2::int[]))`,
    [wanted.map((w) => w.key), wanted.map((w) => w.version)],
  );
  return new Map(rows.rows.map((r) => [r.object_key, r]));
}

/** The state a fold leaves behind after the version it produced: what a refold resumes from. */
function stateAfter(row: VersionRow): ObjectState {
  return {
    exists: !row.deleted,
    object: row.object,
    known: row.state_known,
    ...(row.unknown_since ? { unknownSince: row.unknown_since } : {}),
    ...(row.uid ? { uid: row.uid } : {}),
    version: row.version,
  };
}

/** Where a refold starts: the stored history before `from` stays, everything from it is folded again. */
interface Resumption {
  from: EventTime;
  /** The last version before `from`, 0 when there is none. */
  version: number;
}

/**
 * The earliest time the batch changes an object's history at: its new changes, and the stored
 * times of changes it replaces (a twin may move one). Null when the stored history cannot be
 * split there (a cascade row whose cause is unknown), so the whole history is folded again.
 */
function resumptionOf(
  refold: Refold,
  stored: readonly StoredChange[],
  causeTimes: ReadonlyMap<string, EventTime>,
): Resumption | null {
  const replaced = new Set(refold.freshRows.map((r) => r.change_key));
  let from: EventTime | undefined;
  const consider = (time: EventTime) => {
    if (!from || compareEventTime(time, from) < 0) from = time;
  };
  for (const row of refold.freshRows) consider(timeOf(row));
  for (const row of stored) if (replaced.has(row.change_key)) consider(timeOf(row));
  if (!from) return null;
  let version = 0;
  for (const row of stored) {
    const time = row.cascade_of === null ? timeOf(row) : causeTimes.get(row.cascade_of);
    if (!time) return null;
    if (compareEventTime(time, from) < 0 && !replaced.has(row.change_key))
      version = Math.max(version, row.version ?? 0);
  }
  return { from, version };
}

/** What the fold of the affected objects starts from, read in a handful of queries. */
interface RefoldInputs {
  incremental: Refold[];
  plans: Array<{
    refold: Refold;
    version: number;
    storedEntries: StoredChange[];
    causes: CauseRow[];
  }>;
  resumed: ReadonlyMap<string, VersionRow>;
  changesByKey: ReadonlyMap<string, StoredChange[]>;
}

/**
 * Reads what folding every affected object needs. Objects whose new changes all come after
 * their stored history continue from their stored state; the others are folded again from the
 * earliest time the batch touches, resuming from the stored version before it (from the start
 * when their namespace or collection was deleted, or they are new). The batch's own change rows
 * are not stored yet: they stand in for their stored versions, and count as cascade causes
 * themselves.
 */
async function readRefolds(
  client: pg.ClientBase,
  affected: Affected[],
  facts: FactsByPosition,
  rows: ReadonlyMap<string, ChangeRow>,
): Promise<RefoldInputs> {
  const none: RefoldInputs = {
    incremental: [],
    plans: [],
    resumed: new Map(),
    changesByKey: new Map(),
  };
  if (affected.length === 0) return none;
  const stored = await client.query<ObjectRow>(
    `select object_key, kind, version, exists, state_known, object, uid, since,
            to_char(unknown_since at time zone 'UTC', ${MICRO}) as unknown_since,
            last_occurred_at, last_received_at, last_tiebreak
       from ledger.objects where object_key = any($1::text[])`,
    [affected.map((a) => a.key)],
  );
  const storedByKey = new Map(stored.rows.map((r) => [r.object_key, r]));

  const incremental: Refold[] = [];
  const refolds: Refold[] = [];
  for (const item of affected) {
    const previous = storedByKey.get(item.key);
    const kind = item.kind ?? previous?.kind;
    if (!kind) continue;
    const refold = {
      item,
      key: parseObjectKeyText(item.key),
      kind,
      previous,
      freshRows: [...item.fresh.values()],
    };
    const inOrder =
      !item.full &&
      previous !== undefined &&
      refold.freshRows.every((r) => compareEventTime(timeOf(r), stateOf(previous).lastTime!) > 0);
    (inOrder ? incremental : refolds).push(refold);
  }

  const storedChanges = await storedChangesOf(
    client,
    refolds.map((r) => r.item.key),
  );
  const storedCauses = await storedCascadeCauses(
    client,
    refolds.map((r) => r.key),
  );
  const changesByKey = new Map<string, StoredChange[]>();
  for (const r of storedChanges) {
    const list = changesByKey.get(r.object_key) ?? [];
    list.push(r);
    changesByKey.set(r.object_key, list);
  }
  const causeRows = [
    ...storedCauses.filter((c) => !rows.has(rowKey(c.cluster, c.change_key))),
    ...[...rows.values()].filter((r) => r.outcome === 'applied' && r.cascade_of === null),
  ];
  const causeTimes = new Map(causeRows.map((c) => [c.change_key, timeOf(c)]));

  const plans = refolds.map((refold) => {
    const resumption =
      refold.item.full || !refold.previous
        ? null
        : resumptionOf(refold, changesByKey.get(refold.item.key) ?? [], causeTimes);
    const from = resumption?.from;
    // The batch's version of a change wins: its positions grew, or it moved to another object.
    const storedEntries = (changesByKey.get(refold.item.key) ?? []).filter(
      (r) =>
        r.cascade_of === null &&
        !rows.has(rowKey(r.cluster, r.change_key)) &&
        (!from || compareEventTime(timeOf(r), from) >= 0),
    );
    const causes = causeRows.filter(
      (c) => cascadesTo(c, refold.key) && (!from || compareEventTime(timeOf(c), from) >= 0),
    );
    return { refold, version: resumption?.version ?? 0, storedEntries, causes };
  });
  const resumed = await storedVersions(
    client,
    plans.filter((p) => p.version > 0).map((p) => ({ key: p.refold.item.key, version: p.version })),
  );
  await facts.prefetch([
    ...plans.flatMap((p) => p.storedEntries.flatMap((r) => r.positions.map(Number))),
    ...[...incremental, ...refolds].flatMap((r) => r.freshRows.flatMap((row) => row.positions)),
  ]);
  return { incremental, plans, resumed, changesByKey };
}

/**
 * Folds every affected object (CPU only) and collects what to write, yielding to the event loop
 * now and then: a statement in flight keeps being sent, and the consumer keeps reading.
 */
async function foldObjects(inputs: RefoldInputs, facts: FactsByPosition): Promise<Writes> {
  const { incremental, plans, resumed, changesByKey } = inputs;
  const writes: Writes = {
    versionRows: [],
    outcomeRows: [],
    cascadeRows: [],
    objectRows: [],
    replaced: [],
  };
  let since = performance.now();
  const yieldNowAndThen = async () => {
    if (performance.now() - since < YIELD_EVERY_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
  const causesByKey = new Map<string, CauseRow>();
  for (const refold of incremental) {
    await yieldNowAndThen();
    const { item, kind, previous, freshRows } = refold;
    const entries = freshRows.map((r) => historyEntryOf(r, facts));
    const history = foldObjectHistory({ kind, key: item.key }, entries, [], stateOf(previous!));
    collectWrites(refold, history, writes, causesByKey, {
      version: previous!.version,
      object: previous!.object,
      since: previous!.since,
    });
  }
  for (const { refold, version, storedEntries, causes } of plans) {
    await yieldNowAndThen();
    const { item, kind, freshRows } = refold;
    const start = version > 0 ? resumed.get(item.key) : undefined;
    if (version > 0 && !start)
      throw new Error(`read models: version ${version} of ${item.key} is missing`);
    const entries = [
      ...storedEntries.map((r) => ({ change_key: r.change_key, positions: r.positions })),
      ...freshRows,
    ].map((r) => historyEntryOf(r, facts));
    for (const cause of causes) causesByKey.set(cause.change_key, cause);
    const history = foldObjectHistory(
      { kind, key: item.key },
      entries,
      causes.map(toCascadeCause),
      start ? stateAfter(start) : EMPTY_STATE,
    );
    writes.replaced.push({
      key: item.key,
      after: version,
      versions: (refold.previous?.version ?? 0) > version,
      cascades: (changesByKey.get(item.key) ?? []).some(
        (r) => r.cascade_of !== null && (r.version ?? 0) > version,
      ),
    });
    collectWrites(
      refold,
      history,
      writes,
      causesByKey,
      start
        ? { version, object: start.object, since: start.occurred_at }
        : { version: 0, object: null, since: refold.previous?.since },
    );
  }
  return writes;
}

/**
 * Writes what the fold decided: the batch's change rows (each once, with its outcome), the other
 * changes whose outcome a refold changed, the cascade rows and versions of refolded objects
 * (replaced whole), and the objects' latest state.
 */
async function writeReadModels(
  client: pg.ClientBase,
  fresh: ChangeRow[],
  writes: Writes,
): Promise<void> {
  const freshByKey = new Map(fresh.map((r) => [rowKey(r.cluster, r.change_key), r]));
  const otherOutcomes: OutcomeRow[] = [];
  for (const o of writes.outcomeRows) {
    const row = freshByKey.get(rowKey(o.cluster, o.change_key));
    if (!row) {
      otherOutcomes.push(o);
      continue;
    }
    row.action = o.action;
    row.version = o.version;
    row.state_known = o.state_known;
    row.summary = o.summary;
    row.risk = o.risk;
    row.note = o.note;
    row.tier = o.tier ?? row.tier;
  }
  const versionsAfter = writes.replaced.filter((r) => r.versions);
  if (versionsAfter.length > 0) {
    await client.query(
      `delete from ledger.object_versions v using unnest($1::text[], $2::int[]) as r(object_key, after)
        where v.object_key = r.object_key and v.version > r.after`,
      [versionsAfter.map((r) => r.key), versionsAfter.map((r) => r.after)],
    );
  }
  const cascadesAfter = writes.replaced.filter((r) => r.cascades);
  if (cascadesAfter.length > 0) {
    await client.query(
      `delete from ledger.changes c using unnest($1::text[], $2::int[]) as r(object_key, after)
        where c.object_key = r.object_key and c.cascade_of is not null and c.version > r.after`,
      [cascadesAfter.map((r) => r.key), cascadesAfter.map((r) => r.after)],
    );
  }
  await upsertChangeRows(client, [...fresh, ...writes.cascadeRows]);
  if (otherOutcomes.length > 0) {
    await client.query(
      `update ledger.changes c
          set action = r.action, version = r.version, state_known = r.state_known, summary = r.summary,
              risk = r.risk, note = r.note, tier = coalesce(r.tier, c.tier)
         from jsonb_to_recordset($1::jsonb) as r(cluster text, change_key text, action text, version integer,
              state_known boolean, summary jsonb, risk text, note text, tier text)
        where c.cluster = r.cluster and c.change_key = r.change_key`,
      [JSON.stringify(otherOutcomes)],
    );
  }
  if (writes.versionRows.length > 0) {
    await client.query(
      `insert into ledger.object_versions
         (object_key, version, cluster, api_group, resource, kind, namespace, name, change_key, occurred_at, action,
          object, state_known, unknown_since, deleted, uid, tier, patch, summary, cascade_reason, note)
       select * from jsonb_to_recordset($1::jsonb) as r(object_key text, version integer, cluster text, api_group text,
          resource text, kind text, namespace text, name text, change_key text, occurred_at timestamptz, action text,
          object jsonb, state_known boolean, unknown_since timestamptz, deleted boolean, uid text, tier text, patch jsonb,
          summary jsonb, cascade_reason text, note text)`,
      [JSON.stringify(writes.versionRows)],
    );
  }
  if (writes.objectRows.length > 0) {
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
      [JSON.stringify(writes.objectRows)],
    );
  }
}

interface OutcomeRow {
  cluster: string;
  change_key: string;
  action: string;
  version: number | null;
  state_known: boolean;
  summary: SemanticChange[];
  risk: string | null;
  note: string | null;
  tier: string | null;
}

interface Writes {
  versionRows: unknown[];
  outcomeRows: OutcomeRow[];
  cascadeRows: ChangeRow[];
  objectRows: unknown[];
  /**
   * Objects folded again from a point: their versions and cascade rows after `after` are
   * replaced, when they have any.
   */
  replaced: Array<{ key: string; after: number; versions: boolean; cascades: boolean }>;
}

/**
 * The rows a fold produces. `base` is the stored version the fold continued from (version 0 and
 * no object when it started from nothing): outcomes may point at it, and the object keeps its
 * `since` when the fold made no version.
 */
function collectWrites(
  refold: Refold,
  history: ObjectHistory,
  writes: Writes,
  causes: ReadonlyMap<string, CauseRow>,
  base: { version: number; object: unknown; since: string | undefined },
): void {
  const { item, key, kind, freshRows, previous } = refold;
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
      o.version === null
        ? undefined
        : o.version === base.version && base.version > 0
          ? base
          : history.versions.find((v) => v.version === o.version);
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
    since: last?.occurredAt ?? base.since,
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
