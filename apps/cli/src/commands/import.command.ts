import { existsSync } from 'node:fs';
import { importAuditLog, importSnapshot } from '@policy-ledger/ingestion';
import { createPool } from '@policy-ledger/ledger';
import type { Command } from 'commander';
import { requireDatabaseUrl } from '../cli-environment';
import { progressBar } from '../progress';
import { UsageError } from '../usage-error';

const CLUSTER = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;

function checkArguments(cluster: string, file: string): void {
  if (!CLUSTER.test(cluster))
    throw new UsageError(
      `--cluster "${cluster}" must be a DNS label (lower-case letters, digits, "-" and ".")`,
    );
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
}

export function registerImportCommands(program: Command): void {
  const imports = program
    .command('import')
    .description('bring existing objects or audit logs into the ledger (idempotent)');

  imports
    .command('snapshot')
    .description(
      "record a cluster's current objects (`kubectl get <kinds> -A -o json`) as observed",
    )
    .requiredOption('--cluster <name>', 'the cluster the snapshot was taken from')
    .option('--observed-at <time>', 'when the snapshot was taken (RFC 3339); default now')
    .argument('<file>', 'a List, a JSON array, or multi-document YAML')
    .action(async (file: string, options: { cluster: string; observedAt?: string }) => {
      checkArguments(options.cluster, file);
      const observedAt = options.observedAt ? new Date(options.observedAt) : new Date();
      if (Number.isNaN(observedAt.getTime()))
        throw new UsageError(`--observed-at "${options.observedAt}" is not an RFC 3339 time`);
      const pool = createPool(requireDatabaseUrl());
      const progress = progressBar('import snapshot', ' objects');
      try {
        const report = await importSnapshot(pool, file, options.cluster, {
          observedAt,
          onProgress: (d, t) => progress.update(d, t),
        }).catch((error: Error) => {
          throw error.message.startsWith(file) ? new UsageError(error.message) : error;
        });
        progress.stop();
        console.log(
          `${report.observed} objects observed: ${report.appended} recorded, ${report.duplicates} already in the ledger`,
        );
        for (const [kind, n] of Object.entries(report.skipped))
          console.log(`skipped ${n} × ${kind} (not tracked)`);
        for (const problem of report.problems) console.log(`not imported: ${problem}`);
      } finally {
        progress.stop();
        await pool.end();
      }
    });

  imports
    .command('audit-log')
    .description('backfill from a Kubernetes audit log file (JSON Lines)')
    .requiredOption('--cluster <name>', 'the cluster whose API server wrote the log')
    .argument('<file>', 'the audit log file')
    .action(async (file: string, options: { cluster: string }) => {
      checkArguments(options.cluster, file);
      const pool = createPool(requireDatabaseUrl());
      const progress = progressBar('import audit log', ' bytes');
      try {
        const report = await importAuditLog(pool, file, options.cluster, {
          onProgress: (d, t) => progress.update(d, t),
        });
        progress.stop();
        console.log(
          `${report.lines} lines: ${report.kept} changes (${report.appended} facts recorded, ${report.duplicates} already in the ledger), ${report.ignored} other events ignored, ${report.deadLetters.length} undecodable`,
        );
        for (const dead of report.deadLetters.slice(0, 20))
          console.log(`  line ${dead.source.offset}: ${dead.reason}`);
        if (report.deadLetters.length > 20)
          console.log(
            `  … and ${report.deadLetters.length - 20} more (recorded in the ledger as dead letters)`,
          );
      } finally {
        progress.stop();
        await pool.end();
      }
    });
}
