import { createPool, migrateDatabase } from '@policy-ledger/ledger';
import type { Command } from 'commander';
import { requireDatabaseUrl } from '../cli-environment';
import { UsageError } from '../usage-error';

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function registerDbCommands(program: Command): void {
  program
    .command('db')
    .description('the database schema')
    .command('migrate')
    .description(
      'apply pending migrations as the schema owner (DATABASE_ADMIN_URL, else DATABASE_URL)',
    )
    .option(
      '--app-user <name>',
      "the apps' login role: created if missing, and given the ledger's grants",
    )
    .option('--app-password <password>', 'its password, when it has to be created')
    .action(async (options: { appUser?: string; appPassword?: string }) => {
      const adminUrl = requireDatabaseUrl('admin');
      if (options.appPassword && !options.appUser)
        throw new UsageError('--app-password needs --app-user');
      if (options.appUser && options.appPassword) {
        const pool = createPool(adminUrl, { max: 1 });
        try {
          const exists = await pool.query('select 1 from pg_roles where rolname = $1', [
            options.appUser,
          ]);
          if (exists.rowCount === 0) {
            const password = (
              await pool.query<{ q: string }>('select quote_literal($1) as q', [
                options.appPassword,
              ])
            ).rows[0]!.q;
            await pool.query(
              `create role ${quoteIdent(options.appUser)} login password ${password}`,
            );
            console.log(`created login role ${options.appUser}`);
          }
        } finally {
          await pool.end();
        }
      }
      const result = await migrateDatabase(adminUrl, { appUser: options.appUser });
      console.log(
        result.applied.length > 0
          ? `applied ${result.applied.join(', ')}`
          : `up to date (${result.alreadyApplied} migrations applied earlier)`,
      );
    });
}
