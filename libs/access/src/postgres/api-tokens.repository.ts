import type pg from 'pg';
import type { ApiToken } from '../api-token';
import type { Role } from '../role';

export type Db = pg.Pool | pg.ClientBase;

interface ApiTokenRecord {
  id: string;
  name: string;
  role: Role;
  clusters: string[] | null;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** Every API instance listens here and forgets a revoked token (its id is the payload) at once. */
export const API_TOKENS_CHANNEL = 'policy_ledger_api_tokens';

const COLUMNS = `id, name, role, clusters, created_at, created_by, expires_at, last_used_at, revoked_at, revoked_by`;

const dateOf = (value: string | null): Date | null => (value === null ? null : new Date(value));

function toApiToken(row: ApiTokenRecord): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    clusters: row.clusters,
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    expiresAt: dateOf(row.expires_at),
    lastUsedAt: dateOf(row.last_used_at),
    revokedAt: dateOf(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

export async function insertApiToken(db: Db, token: ApiToken, hash: Buffer): Promise<void> {
  await db.query(
    `insert into ledger.api_tokens (id, name, role, clusters, token_hash, created_at, created_by, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      token.id,
      token.name,
      token.role,
      token.clusters,
      hash,
      token.createdAt,
      token.createdBy,
      token.expiresAt,
    ],
  );
}

export async function findApiTokenByHash(db: Db, hash: Buffer): Promise<ApiToken | undefined> {
  const result = await db.query<ApiTokenRecord>(
    `select ${COLUMNS} from ledger.api_tokens where token_hash = $1`,
    [hash],
  );
  return result.rows[0] && toApiToken(result.rows[0]);
}

export async function findApiToken(db: Db, id: string): Promise<ApiToken | undefined> {
  const result = await db.query<ApiTokenRecord>(
    `select ${COLUMNS} from ledger.api_tokens where id = $1`,
    [id],
  );
  return result.rows[0] && toApiToken(result.rows[0]);
}

export async function findUnrevokedApiTokensByName(db: Db, name: string): Promise<ApiToken[]> {
  const result = await db.query<ApiTokenRecord>(
    `select ${COLUMNS} from ledger.api_tokens where name = $1 and revoked_at is null order by created_at`,
    [name],
  );
  return result.rows.map(toApiToken);
}

/** Every token, newest first: a handful per team, so no paging. */
export async function listApiTokens(db: Db): Promise<ApiToken[]> {
  const result = await db.query<ApiTokenRecord>(
    `select ${COLUMNS} from ledger.api_tokens order by created_at desc, id`,
  );
  return result.rows.map(toApiToken);
}

/** Revokes a token that is not revoked yet; undefined when there is no such token. */
export async function revokeApiToken(
  db: Db,
  id: string,
  revokedBy: string,
  now: Date,
): Promise<ApiToken | undefined> {
  const result = await db.query<ApiTokenRecord>(
    `with revoked as (
       update ledger.api_tokens set revoked_at = $3, revoked_by = $2
        where id = $1 and revoked_at is null
        returning ${COLUMNS})
     select revoked.*, pg_notify('${API_TOKENS_CHANNEL}', revoked.id::text) from revoked`,
    [id, revokedBy, now],
  );
  return result.rows[0] && toApiToken(result.rows[0]);
}

/** Moves last use forward only, so concurrent requests cannot set it back. */
export async function recordApiTokenUse(db: Db, id: string, now: Date): Promise<void> {
  await db.query(
    `update ledger.api_tokens set last_used_at = $2
      where id = $1 and (last_used_at is null or last_used_at < $2)`,
    [id, now],
  );
}
