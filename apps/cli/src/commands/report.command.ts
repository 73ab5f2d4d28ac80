import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { toMicroTime } from '@policy-ledger/audit';
import { dateToMicroTime } from '@policy-ledger/ledger';
import { type ReportFormat, type ReportType, runReportInWorker } from '@policy-ledger/reports';
import type { Command } from 'commander';
import { requireDatabaseUrl } from '../cli-environment';
import { progressBar } from '../progress';
import { UsageError } from '../usage-error';

interface ReportOptions {
  cluster?: string;
  allClusters?: boolean;
  from: string;
  to: string;
  format: string;
  output?: string;
  mode: string;
}

const FORMATS: ReportFormat[] = ['pdf', 'json', 'csv'];
const CLUSTER = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;

function timeOption(name: string, value: string): string {
  const micro = toMicroTime(value);
  if (!micro)
    throw new UsageError(
      `--${name} "${value}" is not an RFC 3339 time (e.g. 2026-03-01T00:00:00Z)`,
    );
  return micro;
}

async function runReport(type: ReportType, options: ReportOptions): Promise<void> {
  if (!FORMATS.includes(options.format as ReportFormat))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (options.cluster && options.allClusters)
    throw new UsageError('give --cluster or --all-clusters, not both');
  if (!options.cluster && !options.allClusters)
    throw new UsageError('--cluster <name> (or --all-clusters) is required');
  if (options.cluster && !CLUSTER.test(options.cluster))
    throw new UsageError(`--cluster "${options.cluster}" must be a DNS label`);
  if (options.mode !== 'apiserver' && options.mode !== 'webhook')
    throw new UsageError('--mode must be apiserver or webhook');
  const from = timeOption('from', options.from);
  const to = timeOption('to', options.to);
  if (to <= from) throw new UsageError('--to must be after --from');
  const format = options.format as ReportFormat;
  const progress = progressBar(`${type} report`, '');
  // Written aside and renamed when complete: a failed run leaves no half file behind.
  const output = path.resolve(
    `${options.output ?? `policy-ledger-${type}`}.${randomUUID()}.partial`,
  );
  try {
    const report = await runReportInWorker(
      {
        databaseUrl: requireDatabaseUrl(),
        id: randomUUID(),
        type,
        cluster: options.cluster ?? null,
        from,
        to,
        format,
        generatedAt: dateToMicroTime(new Date()),
        version: process.env.npm_package_version ?? '0.1.0',
        rbacMode: options.mode,
        output: { kind: 'file', path: output },
      },
      { onProgress: (done) => progress.update(Math.round(done * 1000), 1000) },
    );
    progress.update(1000, 1000);
    progress.stop();
    // Without -o the file takes the report's own name, known once the model is built.
    const written = path.resolve(options.output ?? report.fileName);
    await rename(output, written);
    const chain = report.ledger.verified
      ? 'verified'
      : `BROKEN at position ${report.ledger.firstBrokenAt}`;
    console.log(
      `wrote ${path.relative(process.cwd(), written) || written} (${type}, ${options.cluster ?? 'all clusters'}, ${from} .. ${to}; ${report.size} bytes, sha256 ${report.sha256}; ledger position ${report.ledger.position}, hash chain ${chain})`,
    );
  } catch (error) {
    await rm(output, { force: true });
    throw error;
  } finally {
    progress.stop();
  }
}

export function registerReportCommands(program: Command): void {
  const report = program
    .command('report')
    .description('write a compliance or threat-model report for a period, from the ledger');
  for (const type of ['compliance', 'threat-model'] as const) {
    report
      .command(type)
      .description(`the ${type} report of [from, to)`)
      .option('--cluster <name>', 'the cluster the report covers')
      .option('--all-clusters', 'cover every cluster the ledger knows')
      .requiredOption('--from <time>', 'start of the period (RFC 3339, inclusive)')
      .requiredOption('--to <time>', 'end of the period (RFC 3339, exclusive)')
      .option('--format <format>', 'pdf, json or csv (a zip of one CSV per table)', 'pdf')
      .option('-o, --output <file>', 'where to write it (default: its own file name here)')
      .option('--mode <mode>', 'Calico RBAC mode: apiserver or webhook', 'apiserver')
      .action((options: ReportOptions) => runReport(type, options));
  }
}
