import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseStackEnv } from '@policy-ledger/stack';
import { projectRoot } from './project-root';
import { UsageError } from './usage-error';

/**
 * The cli's connection settings: the environment first, then .stack/env (written by
 * `stack up`), so that on a development machine commands work right after `npm run stack:up`.
 */
export function cliSetting(
  name: 'DATABASE_URL' | 'DATABASE_ADMIN_URL' | 'KAFKA_BROKERS',
): string | undefined {
  const fromEnv = process.env[name];
  if (fromEnv) return fromEnv;
  try {
    return parseStackEnv(readFileSync(path.join(projectRoot(), '.stack', 'env'), 'utf8'))[name];
  } catch {
    return undefined;
  }
}

export function requireDatabaseUrl(kind: 'app' | 'admin' = 'app'): string {
  const url =
    kind === 'admin'
      ? (cliSetting('DATABASE_ADMIN_URL') ?? cliSetting('DATABASE_URL'))
      : cliSetting('DATABASE_URL');
  if (!url) {
    throw new UsageError(
      `${kind === 'admin' ? 'DATABASE_ADMIN_URL (or DATABASE_URL)' : 'DATABASE_URL'} is not set and there is no .stack/env: set it, or run \`npm run stack:up\``,
    );
  }
  return url;
}
