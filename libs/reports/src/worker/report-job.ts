import type { RbacMode } from '@policy-ledger/rbac';
import type { LedgerAnchor, ReportFormat, ReportType } from '../report-model';

/** One report to produce, as the report worker receives it: plain data, structured-clonable. */
export interface ReportJob {
  databaseUrl: string;
  id: string;
  type: ReportType;
  /** Null: every cluster the ledger knows. */
  cluster: string | null;
  from: string;
  to: string;
  format: ReportFormat;
  generatedAt: string;
  version: string;
  rbacMode?: RbacMode;
  tierOwners?: Record<string, string[]>;
  /** Where the rendered file goes: a file on disk, or the run's chunks in ledger.report_content. */
  output: { kind: 'file'; path: string } | { kind: 'database'; runId: string };
}

export interface ProducedReport {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  ledger: LedgerAnchor;
}

/** What the worker tells its parent: progress (0..1) as it goes, then the file, or the failure. */
export type ReportWorkerMessage =
  | { kind: 'progress'; progress: number; step: string }
  | { kind: 'done'; report: ProducedReport }
  | { kind: 'failed'; message: string; stack?: string };
