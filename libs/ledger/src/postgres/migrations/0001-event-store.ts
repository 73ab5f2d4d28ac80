import type { Migration } from './migration';

/**
 * The append-only store of facts. Positions are assigned by the appender under a lock, so they are
 * gapless and in commit order; the hash chain links each row to the one before it.
 */
export const eventStore: Migration = {
  id: '0001-event-store',
  sql: `
create schema if not exists ledger;

create table ledger.events (
  position         bigint      not null,
  event_id         uuid        not null,
  stream_id        text        not null,
  stream_position  integer     not null,
  type             text        not null,
  data             jsonb       not null,
  metadata         jsonb       not null,
  occurred_at      timestamptz not null,
  recorded_at      timestamptz not null,
  prev_hash        bytea       not null,
  hash             bytea       not null,
  constraint events_position_key primary key (position),
  constraint events_event_id_key unique (event_id),
  constraint events_stream_position_key unique (stream_id, stream_position),
  constraint events_hash_key unique (hash),
  constraint events_position_check check (position > 0),
  constraint events_stream_position_check check (stream_position > 0),
  constraint events_hash_length_check check (octet_length(hash) = 32 and octet_length(prev_hash) = 32),
  constraint events_stream_id_check check (stream_id ~ '^[a-z][a-z0-9]*-.+$')
);

create index events_stream_idx on ledger.events (stream_id, stream_position);
create index events_occurred_at_idx on ledger.events (occurred_at);

-- Refuses every UPDATE, DELETE and TRUNCATE, whoever asks: the ledger only grows.
create function ledger.refuse_event_rewrite() returns trigger language plpgsql as $fn$
begin
  raise exception 'ledger.events is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege';
end
$fn$;

create trigger events_no_update_or_delete
  before update or delete on ledger.events
  for each row execute function ledger.refuse_event_rewrite();

create trigger events_no_truncate
  before truncate on ledger.events
  for each statement execute function ledger.refuse_event_rewrite();

-- The application may read and append facts, nothing else.
grant usage on schema ledger to policy_ledger_app_access;
grant select, insert on ledger.events to policy_ledger_app_access;
`,
};
