import { userInfo } from 'node:os';
import {
  AmbiguousTokenNameError,
  type ApiToken,
  apiTokenRequestSchema,
  createApiToken,
  DEFAULT_EXPIRES_IN,
  listApiTokens,
  revokeApiTokenByReference,
  TokenNotFoundError,
} from '@policy-ledger/access';
import { createPool } from '@policy-ledger/ledger';
import type { Command } from 'commander';
import type pg from 'pg';
import { requireDatabaseUrl } from '../cli-environment';
import { UsageError } from '../usage-error';

const FLAGS: Record<string, string> = {
  name: '--name',
  role: '--role',
  expiresIn: '--expires-in',
  clusters: '--clusters',
};

/** Who ran the command, for created_by and revoked_by. */
function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

async function withPool<T>(work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = createPool(requireDatabaseUrl(), { max: 1 });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

const when = (date: Date | null, none: string) =>
  date === null ? none : date.toISOString().slice(0, 19).concat('Z');

function formatTable(tokens: readonly ApiToken[]): string {
  const header = ['ID', 'NAME', 'ROLE', 'CLUSTERS', 'CREATED', 'EXPIRES', 'LAST USED', 'REVOKED'];
  const rows = tokens.map((t) => [
    t.id,
    t.name,
    t.role,
    t.clusters?.join(',') ?? '*',
    when(t.createdAt, '-'),
    when(t.expiresAt, 'never'),
    when(t.lastUsedAt, 'never'),
    when(t.revokedAt, '-'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function registerTokensCommands(program: Command): void {
  const tokens = program
    .command('tokens')
    .description('API tokens for the HTTP API: shown once when created, stored only as hashes');

  tokens
    .command('create')
    .description(
      'create an API token; the token is the last line of the output, and is not shown again',
    )
    .requiredOption('--name <name>', 'who or what uses it (letters, digits, . _ @ -)')
    .requiredOption('--role <role>', 'auditor, soc or admin')
    .option('--expires-in <duration>', 'e.g. 90d, 12h, 2w, or never', DEFAULT_EXPIRES_IN)
    .option(
      '--clusters <list>',
      'comma-separated clusters it is limited to (default: every cluster)',
    )
    .action(
      async (options: { name: string; role: string; expiresIn: string; clusters?: string }) => {
        const request = apiTokenRequestSchema.safeParse({
          name: options.name,
          role: options.role,
          expiresIn: options.expiresIn,
          clusters: options.clusters
            ?.split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        });
        if (!request.success)
          throw new UsageError(
            request.error.issues
              .map((i) => `${FLAGS[String(i.path[0])] ?? 'tokens create'}: ${i.message}`)
              .join('; '),
          );
        const issued = await withPool((pool) =>
          createApiToken(pool, request.data, { now: new Date(), createdBy: operator() }),
        );
        const { token } = issued;
        console.log(
          `created API token ${token.id} (${token.name}): role ${token.role}, clusters ${token.clusters?.join(',') ?? '*'}, expires ${when(token.expiresAt, 'never')}`,
        );
        console.log('store it now, it is not shown again:');
        console.log(issued.secret);
      },
    );

  tokens
    .command('list')
    .description('every API token, newest first, with its last use and revocation')
    .option('--json', 'print them as JSON')
    .action(async (options: { json?: boolean }) => {
      const all = await withPool((pool) => listApiTokens(pool));
      if (options.json) console.log(JSON.stringify(all));
      else
        console.log(
          all.length > 0 ? formatTable(all) : 'no API tokens yet: create one with `tokens create`',
        );
    });

  tokens
    .command('revoke')
    .description('revoke an API token at once, by id, or by name when one unrevoked token bears it')
    .argument('<id-or-name>')
    .action(async (reference: string) => {
      try {
        const { token, alreadyRevoked } = await withPool((pool) =>
          revokeApiTokenByReference(pool, reference, { now: new Date(), revokedBy: operator() }),
        );
        console.log(
          alreadyRevoked
            ? `API token ${token.id} (${token.name}) was already revoked at ${when(token.revokedAt, '-')}`
            : `revoked API token ${token.id} (${token.name})`,
        );
      } catch (error) {
        if (error instanceof TokenNotFoundError || error instanceof AmbiguousTokenNameError)
          throw new UsageError(error.message);
        throw error;
      }
    });
}
