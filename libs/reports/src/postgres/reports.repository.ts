import type pg from 'pg';
import type { ReportFormat, ReportType } from '../report-model';

type Db = pg.Pool | pg.ClientBase;

export type ReportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ReportRun {
  id: string;
  type: ReportType;
  cluster: string | null;
  from: string;
  to: string;
  format: ReportFormat;
  status: ReportStatus;
  progress: number;
  attempts: number;
  maxAttempts: number;
  error: string | null;
  requestedBy: string;
  scheduleId: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: string;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  ledger: { position: number; hash: string; verified: boolean } | null;
}

interface RunRecord {
  id: string;
  type: ReportType;
  cluster: string | null;
  period_from: string;
  period_to: string;
  format: ReportFormat;
  status: ReportStatus;
  progress: number;
  attempts: number;
  max_attempts: number;
  error: string | null;
  requested_by: string;
  schedule_id: string | null;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  expires_at: string;
  file_name: string | null;
  content_type: string | null;
  size: string | null;
  sha256: string | null;
  ledger_position: string | null;
  ledger_hash: string | null;
  chain_verified: boolean | null;
}

const COLUMNS = `id, type, cluster, period_from, period_to, format, status, progress, attempts, max_attempts, error,
  requested_by, schedule_id, requested_at, started_at, finished_at, expires_at, file_name, content_type, size, sha256,
  ledger_position, ledger_hash, chain_verified`;

function toRun(r: RunRecord): ReportRun {
  return {
    id: r.id,
    type: r.type,
    cluster: r.cluster,
    from: r.period_from,
    to: r.period_to,
    format: r.format,
    status: r.status,
    progress: r.progress,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    error: r.error,
    requestedBy: r.requested_by,
    scheduleId: r.schedule_id,
    requestedAt: r.requested_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    expiresAt: r.expires_at,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size === null ? null : Number(r.size),
    sha256: r.sha256,
    ledger:
      r.ledger_position === null
        ? null
        : {
            position: Number(r.ledger_position),
            hash: r.ledger_hash ?? '',
            verified: r.chain_verified ?? false,
          },
  };
}

export interface NewReportRun {
  id: string;
  type: ReportType;
  cluster: string | null;
  from: string;
  to: string;
  format: ReportFormat;
  requestedBy: string;
  retentionDays: number;
  maxAttempts: number;
  scheduleId?: string;
  notBefore?: string;
}

/** Queues a run. A schedule's run of a period is queued once, however many instances try. */
export async function enqueueReportRun(db: Db, run: NewReportRun): Promise<ReportRun | undefined> {
  const { rows } = await db.query<RunRecord>(
    `insert into ledger.reports (id, type, cluster, period_from, period_to, format, requested_by, max_attempts, schedule_id,
                                 not_before, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10::timestamptz, now()), now() + make_interval(days => $11))
     on conflict (schedule_id, period_from) do nothing
     returning ${COLUMNS}`,
    [
      run.id,
      run.type,
      run.cluster,
      run.from,
      run.to,
      run.format,
      run.requestedBy,
      run.maxAttempts,
      run.scheduleId ?? null,
      run.notBefore ?? null,
      run.retentionDays,
    ],
  );
  return rows[0] ? toRun(rows[0]) : undefined;
}

/**
 * Claims the oldest due run for this worker: a queued one, or one whose worker stopped
 * heartbeating (crashed) and has attempts left. SKIP LOCKED lets instances claim side by side.
 */
export async function claimReportRun(
  db: Db,
  staleAfterSeconds: number,
): Promise<ReportRun | undefined> {
  const { rows } = await db.query<RunRecord>(
    `update ledger.reports set status = 'running', attempts = attempts + 1, started_at = now(), heartbeat_at = now(),
            progress = 0, error = null
      where id = (
        select id from ledger.reports
         where (status = 'queued' and not_before <= now())
            or (status = 'running' and heartbeat_at < now() - make_interval(secs => $1) and attempts < max_attempts)
         order by not_before, requested_at
         for update skip locked
         limit 1)
      returning ${COLUMNS}`,
    [staleAfterSeconds],
  );
  return rows[0] ? toRun(rows[0]) : undefined;
}

/** Runs abandoned by crashed workers with no attempts left are failed, saying so. */
export async function failAbandonedRuns(db: Db, staleAfterSeconds: number): Promise<number> {
  const { rowCount } = await db.query(
    `update ledger.reports set status = 'failed', finished_at = now(),
            error = coalesce(error, 'abandoned: its worker stopped after ' || attempts || ' attempts')
      where status = 'running' and heartbeat_at < now() - make_interval(secs => $1) and attempts >= max_attempts`,
    [staleAfterSeconds],
  );
  return rowCount ?? 0;
}

export async function heartbeatReportRun(db: Db, id: string, progress: number): Promise<void> {
  await db.query(
    `update ledger.reports set heartbeat_at = now(), progress = $2 where id = $1 and status = 'running'`,
    [id, Math.max(0, Math.min(1, progress))],
  );
}

export interface FinishedFile {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  ledger: { position: number; hash: string; verified: boolean };
}

export async function completeReportRun(db: Db, id: string, file: FinishedFile): Promise<void> {
  await db.query(
    `update ledger.reports set status = 'succeeded', progress = 1, finished_at = now(), file_name = $2, content_type = $3,
            size = $4, sha256 = $5, ledger_position = $6, ledger_hash = $7, chain_verified = $8
      where id = $1`,
    [
      id,
      file.fileName,
      file.contentType,
      file.size,
      file.sha256,
      file.ledger.position,
      file.ledger.hash,
      file.ledger.verified,
    ],
  );
}

/** A failed attempt: queued again after a backoff while attempts remain, failed for good otherwise. */
export async function failReportRun(
  db: Db,
  id: string,
  error: string,
  retryAfterSeconds: number,
): Promise<ReportStatus> {
  const { rows } = await db.query<{ status: ReportStatus }>(
    `update ledger.reports
        set status = case when attempts < max_attempts then 'queued' else 'failed' end,
            not_before = now() + make_interval(secs => $3 * attempts),
            finished_at = case when attempts < max_attempts then null else now() end,
            error = $2
      where id = $1 returning status`,
    [id, error.slice(0, 2000), retryAfterSeconds],
  );
  return rows[0]?.status ?? 'failed';
}

export async function findReportRun(db: Db, id: string): Promise<ReportRun | undefined> {
  const { rows } = await db.query<RunRecord>(
    `select ${COLUMNS} from ledger.reports where id = $1`,
    [id],
  );
  return rows[0] ? toRun(rows[0]) : undefined;
}

/** Newest first, a keyset page; `clusters` limits to runs a cluster-limited caller may see. */
export async function listReportRuns(
  db: Db,
  page: { limit: number; after?: { requestedAt: string; id: string }; clusters: string[] | null },
): Promise<ReportRun[]> {
  const { rows } = await db.query<RunRecord>(
    `select ${COLUMNS} from ledger.reports
      where ($1::text[] is null or cluster = any($1))
        and ($2::timestamptz is null or (requested_at, id) < ($2, $3::uuid))
      order by requested_at desc, id desc limit $4`,
    [page.clusters, page.after?.requestedAt ?? null, page.after?.id ?? null, page.limit],
  );
  return rows.map(toRun);
}

export async function clearReportContent(db: Db, id: string): Promise<void> {
  await db.query('delete from ledger.report_content where report_id = $1', [id]);
}

export async function appendReportContent(
  db: Db,
  id: string,
  seq: number,
  data: Buffer,
): Promise<void> {
  await db.query('insert into ledger.report_content (report_id, seq, data) values ($1, $2, $3)', [
    id,
    seq,
    data,
  ]);
}

/** The stored file, chunk by chunk: a download never holds the whole report in memory. */
export async function* readReportContent(db: Db, id: string): AsyncGenerator<Buffer> {
  let seq = -1;
  for (;;) {
    const { rows } = await db.query<{ seq: number; data: Buffer }>(
      'select seq, data from ledger.report_content where report_id = $1 and seq > $2 order by seq limit 8',
      [id, seq],
    );
    for (const row of rows) yield row.data;
    if (rows.length < 8) return;
    seq = rows.at(-1)!.seq;
  }
}

/** Retention: runs past their expiry go, with their files. */
export async function deleteExpiredReportRuns(db: Db): Promise<number> {
  const { rowCount } = await db.query(
    `delete from ledger.reports where expires_at < now() and status in ('succeeded', 'failed')`,
  );
  return rowCount ?? 0;
}
