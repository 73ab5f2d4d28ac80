import type { Migration } from './migration';

/**
 * API tokens (stored only as SHA-256 hashes of their secrets) and the access log of every
 * authenticated API request, which, like the events, only grows: auditors are audited too.
 */
export const accessControl: Migration = {
  id: '0004-access-control',
  sql: `
create table ledger.api_tokens (
  id            uuid        not null,
  name          text        not null,
  role          text        not null,
  clusters      text[],
  token_hash    bytea       not null,
  created_at    timestamptz not null,
  created_by    text        not null,
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  revoked_by    text,
  constraint api_tokens_id_key primary key (id),
  constraint api_tokens_token_hash_key unique (token_hash),
  constraint api_tokens_token_hash_check check (octet_length(token_hash) = 32),
  constraint api_tokens_role_check check (role in ('auditor', 'soc', 'admin')),
  constraint api_tokens_name_check check (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$'),
  constraint api_tokens_clusters_check check (clusters is null or cardinality(clusters) > 0),
  constraint api_tokens_expires_at_check check (expires_at is null or expires_at > created_at),
  constraint api_tokens_revoked_check check ((revoked_at is null) = (revoked_by is null))
);

create index api_tokens_name_idx on ledger.api_tokens (name) where revoked_at is null;

-- A revoked token stays revoked, and what a token is (its role, clusters, hash) never changes.
create function ledger.refuse_api_token_rewrite() returns trigger language plpgsql as $fn$
begin
  if old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at then
    raise exception 'API token % is revoked for good', old.id using errcode = 'insufficient_privilege';
  end if;
  if (new.id, new.name, new.role, new.clusters, new.token_hash, new.created_at, new.created_by, new.expires_at)
     is distinct from
     (old.id, old.name, old.role, old.clusters, old.token_hash, old.created_at, old.created_by, old.expires_at) then
    raise exception 'API token %: only last use and revocation may change', old.id using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$fn$;

create trigger api_tokens_immutable_identity
  before update on ledger.api_tokens
  for each row execute function ledger.refuse_api_token_rewrite();

create table ledger.access_log (
  id              bigint      generated always as identity,
  at              timestamptz not null,
  principal_id    text        not null,
  principal_name  text        not null,
  role            text        not null,
  via             text        not null,
  method          text        not null,
  route           text,
  path            text        not null,
  query           text,
  status          smallint    not null,
  duration_ms     real        not null,
  client_ip       inet,
  user_agent      text,
  constraint access_log_id_key primary key (id),
  constraint access_log_role_check check (role in ('auditor', 'soc', 'admin')),
  constraint access_log_via_check check (via in ('token', 'oidc')),
  constraint access_log_status_check check (status between 100 and 599),
  constraint access_log_duration_ms_check check (duration_ms >= 0)
);

create index access_log_at_idx on ledger.access_log (at desc, id desc);
create index access_log_principal_id_idx on ledger.access_log (principal_id, at desc, id desc);
create index access_log_principal_name_idx on ledger.access_log (principal_name, at desc, id desc);

create function ledger.refuse_access_log_rewrite() returns trigger language plpgsql as $fn$
begin
  raise exception 'ledger.access_log is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege';
end
$fn$;

create trigger access_log_no_update_or_delete
  before update or delete on ledger.access_log
  for each row execute function ledger.refuse_access_log_rewrite();

create trigger access_log_no_truncate
  before truncate on ledger.access_log
  for each statement execute function ledger.refuse_access_log_rewrite();

grant select, insert on ledger.api_tokens to policy_ledger_app_access;
grant update (last_used_at, revoked_at, revoked_by) on ledger.api_tokens to policy_ledger_app_access;
grant select, insert on ledger.access_log to policy_ledger_app_access;
`,
};
