import type { Migration } from './migration';

/**
 * Read models folded from ledger.events: they can be dropped and rebuilt from the events at any
 * time (`policy-ledger projections rebuild`), and are written in the same transaction as the
 * events they come from, together with their checkpoint.
 */
export const readModels: Migration = {
  id: '0002-read-models',
  sql: `
create table ledger.projection_checkpoints (
  name        text        not null,
  position    bigint      not null,
  updated_at  timestamptz not null default now(),
  constraint projection_checkpoints_name_key primary key (name),
  constraint projection_checkpoints_position_check check (position >= 0)
);

-- One row per change: an audit request (twins merged), a snapshot observation, or a cascade deletion.
create table ledger.changes (
  id                      uuid        not null,
  cluster                 text        not null,
  change_key              text        not null,
  object_key              text,
  api_group               text        not null,
  resource                text        not null,
  kind                    text        not null,
  namespace               text,
  name                    text,
  tier                    text,
  verb                    text        not null,
  outcome                 text        not null,
  action                  text        not null,
  actor_username          text,
  actor_groups            text[]      not null default '{}',
  impersonated_by         text,
  source_ips              text[]      not null default '{}',
  user_agent              text,
  occurred_at             timestamptz not null,
  request_received_at     timestamptz,
  tiebreak                text        not null,
  audit_id                text,
  level                   text,
  status_code             integer,
  status_reason           text,
  authorization_decision  text,
  authorization_reason    text,
  version                 integer,
  state_known             boolean     not null default true,
  summary                 jsonb       not null default '[]',
  risk                    text,
  direct_crd              boolean     not null default false,
  cascade_of              text,
  truncated               boolean     not null default false,
  note                    text,
  positions               bigint[]    not null,
  constraint changes_id_key primary key (id),
  constraint changes_change_key_key unique (cluster, change_key),
  constraint changes_outcome_check check (outcome in ('applied', 'denied', 'failed', 'dryrun')),
  constraint changes_action_check check (action in ('created', 'updated', 'deleted', 'observed', 'attempted')),
  constraint changes_risk_check check (risk is null or risk in ('low', 'medium', 'high'))
);

create index changes_time_idx on ledger.changes (cluster, occurred_at desc, id desc);
create index changes_actor_idx on ledger.changes (cluster, actor_username, occurred_at desc, id desc);
create index changes_impersonator_idx on ledger.changes (cluster, impersonated_by, occurred_at desc, id desc) where impersonated_by is not null;
create index changes_tier_idx on ledger.changes (cluster, tier, occurred_at desc, id desc);
create index changes_object_idx on ledger.changes (cluster, api_group, resource, namespace, name, occurred_at desc, id desc);
create index changes_object_key_idx on ledger.changes (object_key);
create index changes_outcome_idx on ledger.changes (cluster, outcome, occurred_at desc, id desc);
create index changes_audit_id_idx on ledger.changes (cluster, audit_id);

-- Every version of every object, in event-time order: what "as of" answers read.
create table ledger.object_versions (
  object_key     text        not null,
  version        integer     not null,
  cluster        text        not null,
  api_group      text        not null,
  resource       text        not null,
  kind           text        not null,
  namespace      text,
  name           text        not null,
  change_key     text        not null,
  occurred_at    timestamptz not null,
  action         text        not null,
  object         jsonb,
  state_known    boolean     not null,
  unknown_since  timestamptz,
  deleted        boolean     not null,
  uid            text,
  tier           text,
  patch          jsonb,
  summary        jsonb       not null default '[]',
  cascade_reason text,
  note           text,
  constraint object_versions_key primary key (object_key, version),
  constraint object_versions_version_check check (version > 0),
  constraint object_versions_action_check check (action in ('created', 'updated', 'deleted', 'observed'))
);

create index object_versions_as_of_idx on ledger.object_versions (cluster, api_group, resource, occurred_at);
create index object_versions_time_idx on ledger.object_versions (object_key, occurred_at);

-- The latest version of each object, and where its history's fold stopped.
create table ledger.objects (
  object_key            text        not null,
  cluster               text        not null,
  api_group             text        not null,
  resource              text        not null,
  kind                  text        not null,
  namespace             text,
  name                  text        not null,
  version               integer     not null,
  exists                boolean     not null,
  state_known           boolean     not null,
  unknown_since         timestamptz,
  object                jsonb,
  uid                   text,
  tier                  text,
  since                 timestamptz not null,
  last_occurred_at      text        not null,
  last_received_at      text,
  last_tiebreak         text        not null,
  constraint objects_key primary key (object_key)
);

create index objects_namespace_idx on ledger.objects (cluster, namespace) where exists;
create index objects_kind_idx on ledger.objects (cluster, api_group, resource) where exists;

-- Which groups an identity presented in its requests, and when: observed, not authoritative.
create table ledger.identity_groups (
  cluster     text        not null,
  username    text        not null,
  group_name  text        not null,
  first_seen  timestamptz not null,
  last_seen   timestamptz not null,
  constraint identity_groups_key primary key (cluster, username, group_name)
);

create index identity_groups_group_idx on ledger.identity_groups (cluster, group_name);

create table ledger.dead_letters (
  position          bigint      not null,
  cluster           text        not null,
  reason            text        not null,
  source            jsonb       not null,
  size              integer     not null,
  dead_lettered_at  timestamptz not null,
  constraint dead_letters_position_key primary key (position)
);

create index dead_letters_time_idx on ledger.dead_letters (cluster, dead_lettered_at);

grant select, insert, update, delete on
  ledger.projection_checkpoints, ledger.changes, ledger.object_versions, ledger.objects,
  ledger.identity_groups, ledger.dead_letters
  to policy_ledger_app_access;
`,
};
