import type pg from 'pg';
import type { ReportFormat, ReportType } from '../report-model';

type Db = pg.Pool | pg.ClientBase;

export interface ReportSchedule {
  id: string;
  name: string;
  cron: string;
  type: ReportType;
  cluster: string | null;
  format: ReportFormat;
  retentionDays: number;
  delayMinutes: number;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  nextRunAt: string;
  lastRunAt: string | null;
  lastReportId: string | null;
  lastError: string | null;
}

interface ScheduleRecord {
  id: string;
  name: string;
  cron: string;
  type: ReportType;
  cluster: string | null;
  format: ReportFormat;
  retention_days: number;
  delay_minutes: number;
  enabled: boolean;
  created_by: string;
  created_at: string;
  next_run_at: string;
  last_run_at: string | null;
  last_report_id: string | null;
  last_error: string | null;
}

const COLUMNS = `id, name, cron, type, cluster, format, retention_days, delay_minutes, enabled, created_by, created_at,
  next_run_at, last_run_at, last_report_id, last_error`;

function toSchedule(r: ScheduleRecord): ReportSchedule {
  return {
    id: r.id,
    name: r.name,
    cron: r.cron,
    type: r.type,
    cluster: r.cluster,
    format: r.format,
    retentionDays: r.retention_days,
    delayMinutes: r.delay_minutes,
    enabled: r.enabled,
    createdBy: r.created_by,
    createdAt: r.created_at,
    nextRunAt: r.next_run_at,
    lastRunAt: r.last_run_at,
    lastReportId: r.last_report_id,
    lastError: r.last_error,
  };
}

export type NewReportSchedule = Pick<
  ReportSchedule,
  | 'id'
  | 'name'
  | 'cron'
  | 'type'
  | 'cluster'
  | 'format'
  | 'retentionDays'
  | 'delayMinutes'
  | 'createdBy'
  | 'nextRunAt'
>;

export class ScheduleNameTakenError extends Error {
  override name = 'ScheduleNameTakenError';
}

export async function createReportSchedule(db: Db, s: NewReportSchedule): Promise<ReportSchedule> {
  try {
    const { rows } = await db.query<ScheduleRecord>(
      `insert into ledger.report_schedules (id, name, cron, type, cluster, format, retention_days, delay_minutes, created_by, next_run_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${COLUMNS}`,
      [
        s.id,
        s.name,
        s.cron,
        s.type,
        s.cluster,
        s.format,
        s.retentionDays,
        s.delayMinutes,
        s.createdBy,
        s.nextRunAt,
      ],
    );
    return toSchedule(rows[0]!);
  } catch (error) {
    if ((error as { constraint?: string }).constraint === 'report_schedules_name_key')
      throw new ScheduleNameTakenError(`a schedule named "${s.name}" exists`);
    throw error;
  }
}

export async function listReportSchedules(
  db: Db,
  clusters: string[] | null,
): Promise<ReportSchedule[]> {
  const { rows } = await db.query<ScheduleRecord>(
    `select ${COLUMNS} from ledger.report_schedules where ($1::text[] is null or cluster = any($1)) order by name`,
    [clusters],
  );
  return rows.map(toSchedule);
}

export async function findReportSchedule(db: Db, id: string): Promise<ReportSchedule | undefined> {
  const { rows } = await db.query<ScheduleRecord>(
    `select ${COLUMNS} from ledger.report_schedules where id = $1`,
    [id],
  );
  return rows[0] ? toSchedule(rows[0]) : undefined;
}

export async function deleteReportSchedule(db: Db, id: string): Promise<boolean> {
  const { rowCount } = await db.query('delete from ledger.report_schedules where id = $1', [id]);
  return (rowCount ?? 0) > 0;
}

/** Schedules whose next run (plus its delay for late events) is due, locked for this instance. */
export async function lockDueSchedules(client: pg.ClientBase): Promise<ReportSchedule[]> {
  const { rows } = await client.query<ScheduleRecord>(
    `select ${COLUMNS} from ledger.report_schedules
      where enabled and next_run_at + make_interval(mins => delay_minutes) <= now()
      order by next_run_at for update skip locked limit 20`,
  );
  return rows.map(toSchedule);
}

export async function advanceReportSchedule(
  client: pg.ClientBase,
  id: string,
  next: { nextRunAt: string; lastReportId: string | null; lastError: string | null },
): Promise<void> {
  await client.query(
    `update ledger.report_schedules set next_run_at = $2, last_run_at = now(), last_report_id = coalesce($3, last_report_id), last_error = $4
      where id = $1`,
    [id, next.nextRunAt, next.lastReportId, next.lastError],
  );
}
