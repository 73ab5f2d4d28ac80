import type pg from 'pg';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import { dateToMicroTime, toMicroTime } from '../micro-time';
import type { NewEvent, RecordedEvent } from '../recorded-event';

/** Serialises appenders across processes so positions stay gapless and the chain unbroken. */
const APPEND_LOCK = 7263548113;

/** Holds the append lock until the caller's transaction ends: no event is appended meanwhile. */
export async function lockAppends(client: pg.ClientBase): Promise<void> {
  await client.query('select pg_advisory_xact_lock($1)', [APPEND_LOCK]);
}

/**
 * The event's time exactly as PostgreSQL will hand it back: the hash must cover that text, or
 * verification would fail on an event whose time came with another precision or offset.
 */
function storedMicroTime(event: NewEvent): string {
  const micro = toMicroTime(event.occurredAt);
  if (!micro)
    throw new Error(
      `event ${event.eventId}: occurredAt "${event.occurredAt}" is not an RFC 3339 time`,
    );
  return micro;
}

export interface AppendResult {
  appended: RecordedEvent[];
  /** Event ids that were already stored (or repeated within the batch): not stored again. */
  duplicates: string[];
}

/**
 * One parameter per value: jsonb travels as plain text, which PostgreSQL parses about twice as
 * fast as the same documents quoted into a jsonb[] array literal. 11 parameters a row, within
 * the protocol's 65,535.
 */
const ROWS_PER_INSERT = 1_000;

async function insertEvents(
  client: pg.ClientBase,
  events: readonly RecordedEvent[],
): Promise<void> {
  const values = events.map((_, row) => {
    const p = (column: number) => `$${row * 11 + column}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, decode(${p(10)}, 'hex'), decode(${p(11)}, 'hex'))`;
  });
  await client.query(
    `insert into ledger.events
       (position, event_id, stream_id, stream_position, type, data, metadata, occurred_at, recorded_at, prev_hash, hash)
     values ${values.join(', ')}`,
    events.flatMap((e) => [
      e.position,
      e.eventId,
      e.streamId,
      e.streamPosition,
      e.type,
      JSON.stringify(e.data),
      JSON.stringify(e.metadata),
      e.occurredAt,
      e.recordedAt,
      e.prevHash,
      e.hash,
    ]),
  );
}

const MICRO_TIME_SQL = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * Appends facts inside the caller's transaction, so read models written in the same transaction
 * commit or roll back with them. Holds the append lock until that transaction ends.
 */
export async function appendEvents(
  client: pg.ClientBase,
  events: readonly NewEvent[],
  now = new Date(),
): Promise<AppendResult> {
  const append = await prepareAppend(client, events, now);
  await append.insert();
  return append.result;
}

export interface PreparedAppend {
  /** The events as they will be stored: positions assigned, hashes chained. */
  result: AppendResult;
  /** Sends the rows; the transaction may queue other statements behind them meanwhile. */
  insert(): Promise<void>;
}

/**
 * Takes the append lock, drops what is already stored, and assigns positions, stream positions
 * and hashes; the INSERT is left to the caller, so it can work while PostgreSQL writes the rows.
 */
export async function prepareAppend(
  client: pg.ClientBase,
  events: readonly NewEvent[],
  now = new Date(),
): Promise<PreparedAppend> {
  const nothing: PreparedAppend = {
    result: { appended: [], duplicates: [] },
    insert: async () => undefined,
  };
  if (events.length === 0) return nothing;
  await lockAppends(client);
  const ids = [...new Set(events.map((e) => e.eventId))];
  const stored = await client.query<{ event_id: string }>(
    'select event_id from ledger.events where event_id = any($1::uuid[])',
    [ids],
  );
  const seen = new Set(stored.rows.map((r) => r.event_id));
  const duplicates: string[] = [];
  const fresh: NewEvent[] = [];
  for (const event of events) {
    if (seen.has(event.eventId)) duplicates.push(event.eventId);
    else {
      seen.add(event.eventId);
      fresh.push(event);
    }
  }
  if (fresh.length === 0) return { ...nothing, result: { appended: [], duplicates } };

  const head = await readLedgerHead(client);
  const streams = [...new Set(fresh.map((e) => e.streamId))];
  // Each stream's head from the end of its index: a stream's earlier events are not read.
  const streamHeads = await client.query<{ stream_id: string; head: number }>(
    `select s.stream_id,
            (select stream_position from ledger.events e where e.stream_id = s.stream_id
              order by stream_position desc limit 1) as head
       from unnest($1::text[]) as s(stream_id)`,
    [streams],
  );
  const streamPosition = new Map(streamHeads.rows.map((r) => [r.stream_id, Number(r.head)]));
  let position = head.position;
  let prevHash = head.hash;
  const recordedAt = dateToMicroTime(now);

  const appended: RecordedEvent[] = fresh.map((event) => {
    position += 1;
    const nextInStream = (streamPosition.get(event.streamId) ?? 0) + 1;
    streamPosition.set(event.streamId, nextInStream);
    const unhashed = {
      ...event,
      occurredAt: storedMicroTime(event),
      position,
      streamPosition: nextInStream,
      recordedAt,
    };
    const hash = chainHash(prevHash, unhashed);
    const recorded: RecordedEvent = { ...unhashed, prevHash, hash };
    prevHash = hash;
    return recorded;
  });

  return {
    result: { appended, duplicates },
    insert: async () => {
      for (let i = 0; i < appended.length; i += ROWS_PER_INSERT)
        await insertEvents(client, appended.slice(i, i + ROWS_PER_INSERT));
    },
  };
}

interface EventRow {
  position: string;
  event_id: string;
  stream_id: string;
  stream_position: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  occurred_at: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

const SELECT_EVENT = `
  select position, event_id, stream_id, stream_position, type, data, metadata,
         to_char(occurred_at at time zone 'UTC', ${MICRO_TIME_SQL}) as occurred_at,
         to_char(recorded_at at time zone 'UTC', ${MICRO_TIME_SQL}) as recorded_at,
         encode(prev_hash, 'hex') as prev_hash, encode(hash, 'hex') as hash
    from ledger.events`;

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    position: Number(row.position),
    eventId: row.event_id,
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The last stored event's position and hash (position 0 and the genesis hash when empty). */
export async function readLedgerHead(
  db: pg.Pool | pg.ClientBase,
): Promise<{ position: number; hash: string }> {
  const result = await db.query<{ position: string; hash: string }>(
    `select position, encode(hash, 'hex') as hash from ledger.events order by position desc limit 1`,
  );
  const head = result.rows[0];
  return head
    ? { position: Number(head.position), hash: head.hash }
    : { position: 0, hash: GENESIS_HASH };
}

/** Stored events after a position, in position order: the page an incremental reader asks for. */
export async function readEventsAfter(
  client: pg.ClientBase,
  afterPosition: number,
  limit: number,
): Promise<RecordedEvent[]> {
  const result = await client.query<EventRow>(
    `${SELECT_EVENT} where position > $1 order by position limit $2`,
    [afterPosition, limit],
  );
  return result.rows.map(toRecordedEvent);
}

/** Every event of one stream, in stream order. */
export async function readStream(
  client: pg.ClientBase,
  streamId: string,
): Promise<RecordedEvent[]> {
  const result = await client.query<EventRow>(
    `${SELECT_EVENT} where stream_id = $1 order by stream_position`,
    [streamId],
  );
  return result.rows.map(toRecordedEvent);
}

/** The newest events first: what the walking skeleton's changes endpoint lists. */
export async function readLatestEvents(
  client: pg.ClientBase,
  limit: number,
): Promise<RecordedEvent[]> {
  const result = await client.query<EventRow>(`${SELECT_EVENT} order by position desc limit $1`, [
    limit,
  ]);
  return result.rows.map(toRecordedEvent);
}
