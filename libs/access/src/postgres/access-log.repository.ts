import type pg from 'pg';
import type { AccessLogCursor } from '../access-log-cursor';
import type { AccessLogEntry } from '../access-log-entry';
import type { Role } from '../role';

type Db = pg.Pool | pg.ClientBase;

/** An access log entry as read back, with its id and its time as MicroTime text. */
export interface AccessLogRecord extends Omit<AccessLogEntry, 'at'> {
  id: string;
  at: string;
}

interface AccessLogRow {
  id: string;
  at: string;
  principal_id: string;
  principal_name: string;
  role: Role;
  via: 'token' | 'oidc';
  method: string;
  route: string | null;
  path: string;
  query: string | null;
  status: number;
  duration_ms: number;
  client_ip: string | null;
  user_agent: string | null;
}

function toAccessLogRecord(row: AccessLogRow): AccessLogRecord {
  return {
    id: row.id,
    at: row.at,
    principalId: row.principal_id,
    principalName: row.principal_name,
    role: row.role,
    via: row.via,
    method: row.method,
    route: row.route,
    path: row.path,
    query: row.query,
    status: row.status,
    durationMs: row.duration_ms,
    clientIp: row.client_ip,
    userAgent: row.user_agent,
  };
}

/** A whole batch in one statement: one array parameter per column. */
export async function insertAccessLogEntries(
  db: Db,
  entries: readonly AccessLogEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `insert into ledger.access_log
       (at, principal_id, principal_name, role, via, method, route, path, query, status, duration_ms, client_ip, user_agent)
     select * from unnest(
       $1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::text[], $9::text[], $10::smallint[], $11::real[], $12::inet[], $13::text[])`,
    [
      entries.map((e) => e.at),
      entries.map((e) => e.principalId),
      entries.map((e) => e.principalName),
      entries.map((e) => e.role),
      entries.map((e) => e.via),
      entries.map((e) => e.method),
      entries.map((e) => e.route),
      entries.map((e) => e.path),
      entries.map((e) => e.query),
      entries.map((e) => e.status),
      entries.map((e) => e.durationMs),
      entries.map((e) => e.clientIp),
      entries.map((e) => e.userAgent),
    ],
  );
}

/** One keyset page, newest first, optionally for one principal (by id or by name). */
export async function listAccessLogEntries(
  db: Db,
  filter: { principal?: string },
  page: { limit: number; after?: AccessLogCursor },
): Promise<AccessLogRecord[]> {
  const result = await db.query<AccessLogRow>(
    `select id::text, at, principal_id, principal_name, role, via, method, route, path, query, status,
            duration_ms, host(client_ip) as client_ip, user_agent
       from ledger.access_log
      where ($1::text is null or principal_id = $1 or principal_name = $1)
        and ($2::timestamptz is null or (at, id) < ($2::timestamptz, $3::bigint))
      order by at desc, id desc
      limit $4`,
    [filter.principal ?? null, page.after?.at ?? null, page.after?.id ?? null, page.limit],
  );
  return result.rows.map(toAccessLogRecord);
}
