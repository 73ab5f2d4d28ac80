import { Counter, Histogram, type Registry, register } from 'prom-client';

/** The report runner's Prometheus metrics. */
export function createReportMetrics(registry: Registry = register) {
  const registers = [registry];
  return {
    runs: new Counter({
      name: 'policy_ledger_report_runs_total',
      help: 'Report runs finished, by type, format and result (succeeded, or failed for this attempt)',
      labelNames: ['type', 'format', 'result'],
      registers,
    }),
    seconds: new Histogram({
      name: 'policy_ledger_report_run_seconds',
      help: 'How long a successful report run took, by type and format',
      labelNames: ['type', 'format'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180, 600],
      registers,
    }),
    bytes: new Counter({
      name: 'policy_ledger_report_bytes_total',
      help: 'Bytes of report content written, by format',
      labelNames: ['format'],
      registers,
    }),
  };
}

export type ReportMetrics = ReturnType<typeof createReportMetrics>;

let processMetrics: ReportMetrics | undefined;

/** One set per process, however many runners a process builds (the default registry rejects twins). */
export function reportMetrics(): ReportMetrics {
  processMetrics ??= createReportMetrics();
  return processMetrics;
}
