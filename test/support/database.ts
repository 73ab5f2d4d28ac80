import { randomBytes } from 'node:crypto';
import { createPool, migrateDatabase } from '@policy-ledger/ledger';
import type pg from 'pg';
import { afterAll, inject } from 'vitest';

/** A pool as the apps connect (the app role: SELECT and INSERT on events), closed after the file. */
export function appPool(): pg.Pool {
  const pool = createPool(inject('stack').DATABASE_URL, { max: 4 });
  afterAll(() => pool.end());
  return pool;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface IsolatedDatabase {
  app: pg.Pool;
  admin: pg.Pool;
  appUrl: string;
}

/**
 * A database of its own, migrated, for tests that touch the whole ledger (tampering with the
 * chain, rebuilding every read model) and so must not disturb tests sharing the stack's database.
 * Dropped after the file.
 */
export async function isolatedDatabase(): Promise<IsolatedDatabase> {
  const stack = inject('stack');
  const name = `isolated_${randomBytes(5).toString('hex')}`;
  const server = createPool(stack.DATABASE_ADMIN_URL, { max: 1 });
  await server.query(`create database ${name}`);
  const adminUrl = withDatabase(stack.DATABASE_ADMIN_URL, name);
  const appUrl = withDatabase(stack.DATABASE_URL, name);
  await migrateDatabase(adminUrl, {
    appUser: decodeURIComponent(new URL(stack.DATABASE_URL).username),
  });
  const app = createPool(appUrl, { max: 4 });
  const admin = createPool(adminUrl, { max: 2 });
  afterAll(async () => {
    await app.end();
    await admin.end();
    await server.query(`drop database if exists ${name} with (force)`);
    await server.end();
  });
  return { app, admin, appUrl };
}
