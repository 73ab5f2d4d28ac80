import { createHash } from 'node:crypto';
import pg from 'pg';
import { migrations as allMigrations, type Migration } from './migrations';

/** The role every table grant goes to; login roles are made members of it. */
export const APP_ACCESS_ROLE = 'policy_ledger_app_access';

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

function checksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Applies pending migrations as the schema owner, then grants the application's login role
 * (when it differs from the owner) membership of the access role that holds the table grants.
 */
export async function migrateDatabase(
  adminUrl: string,
  options: { appUser?: string; migrations?: readonly Migration[] } = {},
): Promise<MigrationResult> {
  const migrations = options.migrations ?? allMigrations;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Several processes may start at once (two api instances, a test run): one migrates, the rest wait.
    await client.query('select pg_advisory_lock(7263548112)');
    await client.query('create schema if not exists ledger');
    await client.query(`
      create table if not exists ledger.schema_migrations (
        id          text        not null,
        checksum    text        not null,
        applied_at  timestamptz not null default now(),
        constraint schema_migrations_id_key primary key (id)
      )`);
    await client.query(`
      do $$ begin
        if not exists (select 1 from pg_roles where rolname = '${APP_ACCESS_ROLE}') then
          create role ${APP_ACCESS_ROLE} nologin;
        end if;
      end $$`);
    const done = new Map(
      (
        await client.query<{ id: string; checksum: string }>(
          'select id, checksum from ledger.schema_migrations',
        )
      ).rows.map((r) => [r.id, r.checksum]),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      const known = done.get(migration.id);
      if (known !== undefined) {
        if (known !== checksum(migration)) {
          throw new Error(
            `migration ${migration.id} was edited after it was applied (checksum ${known} in the database); add a new migration instead`,
          );
        }
        continue;
      }
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query('insert into ledger.schema_migrations (id, checksum) values ($1, $2)', [
          migration.id,
          checksum(migration),
        ]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`migration ${migration.id} failed: ${(error as Error).message}`);
      }
      applied.push(migration.id);
    }
    if (options.appUser) {
      const owner = (await client.query<{ u: string }>('select current_user as u')).rows[0]?.u;
      if (owner !== options.appUser)
        await client.query(`grant ${APP_ACCESS_ROLE} to ${quoteIdent(options.appUser)}`);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('select pg_advisory_unlock(7263548112)').catch(() => undefined);
    await client.end();
  }
}
