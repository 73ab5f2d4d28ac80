import type { Migration } from './migration';

/**
 * Report runs and schedules. Runs are a job queue claimed with FOR UPDATE SKIP LOCKED, so any
 * number of api instances share the work; a run whose worker stopped heartbeating is claimed
 * again until it has used its attempts. Rendered files are kept in chunks, streamed in and out.
 */
export const reports: Migration = {
  id: '0005-reports',
  sql: `
create table ledger.report_schedules (
  id              uuid        not null,
  name            text        not null,
  cron            text        not null,
  type            text        not null,
  cluster         text,
  format          text        not null,
  retention_days  integer     not null default 91,
  delay_minutes   integer     not null default 30,
  enabled         boolean     not null default true,
  created_by      text        not null,
  created_at      timestamptz not null default now(),
  next_run_at     timestamptz not null,
  last_run_at     timestamptz,
  last_report_id  uuid,
  last_error      text,
  constraint report_schedules_id_key primary key (id),
  constraint report_schedules_name_key unique (name),
  constraint report_schedules_type_check check (type in ('compliance', 'threat-model')),
  constraint report_schedules_format_check check (format in ('pdf', 'json', 'csv')),
  constraint report_schedules_retention_check check (retention_days between 1 and 3650),
  constraint report_schedules_delay_check check (delay_minutes between 0 and 10080)
);

create index report_schedules_due_idx on ledger.report_schedules (next_run_at) where enabled;

create table ledger.reports (
  id               uuid        not null,
  type             text        not null,
  cluster          text,
  period_from      timestamptz not null,
  period_to        timestamptz not null,
  format           text        not null,
  status           text        not null default 'queued',
  progress         real        not null default 0,
  attempts         integer     not null default 0,
  max_attempts     integer     not null default 3,
  error            text,
  requested_by     text        not null,
  schedule_id      uuid,
  requested_at     timestamptz not null default now(),
  not_before       timestamptz not null default now(),
  started_at       timestamptz,
  heartbeat_at     timestamptz,
  finished_at      timestamptz,
  expires_at       timestamptz not null,
  file_name        text,
  content_type     text,
  size             bigint,
  sha256           text,
  ledger_position  bigint,
  ledger_hash      text,
  chain_verified   boolean,
  constraint reports_id_key primary key (id),
  constraint reports_schedule_period_key unique (schedule_id, period_from),
  constraint reports_schedule_id_fkey foreign key (schedule_id) references ledger.report_schedules (id) on delete set null,
  constraint reports_type_check check (type in ('compliance', 'threat-model')),
  constraint reports_format_check check (format in ('pdf', 'json', 'csv')),
  constraint reports_status_check check (status in ('queued', 'running', 'succeeded', 'failed')),
  constraint reports_period_check check (period_to > period_from),
  constraint reports_progress_check check (progress between 0 and 1)
);

create index reports_queue_idx on ledger.reports (not_before, requested_at) where status in ('queued', 'running');
create index reports_list_idx on ledger.reports (requested_at desc, id desc);
create index reports_expiry_idx on ledger.reports (expires_at);

create table ledger.report_content (
  report_id  uuid    not null,
  seq        integer not null,
  data       bytea   not null,
  constraint report_content_key primary key (report_id, seq),
  constraint report_content_report_id_fkey foreign key (report_id) references ledger.reports (id) on delete cascade
);

grant select, insert, update, delete on ledger.report_schedules, ledger.reports, ledger.report_content to policy_ledger_app_access;
`,
};
