import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { recordFacts } from '@policy-ledger/ledger';
import type pg from 'pg';
import { parseAllDocuments } from 'yaml';
import { planSnapshot } from '../plan-snapshot';

export interface SnapshotImportReport {
  observed: number;
  appended: number;
  duplicates: number;
  skipped: Record<string, number>;
  problems: string[];
}

/** Reads a JSON or (multi-document) YAML snapshot: `kubectl get <kinds> -A -o json|yaml`. */
export async function readSnapshotDocuments(file: string): Promise<unknown[]> {
  const text = await readFile(file, 'utf8');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return [JSON.parse(text)];
    } catch (error) {
      throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const documents = parseAllDocuments(text);
  const broken = documents.find((d) => d.errors.length > 0);
  if (broken) throw new Error(`${file}: not valid YAML: ${broken.errors[0]!.message}`);
  return documents.map((d) => d.toJS() as unknown).filter((d) => d !== null && d !== undefined);
}

/** A cluster's current objects as the first facts of their histories; safe to repeat. */
export async function importSnapshot(
  pool: pg.Pool,
  file: string,
  cluster: string,
  options: {
    observedAt?: Date;
    chunk?: number;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<SnapshotImportReport> {
  const plan = planSnapshot(
    await readSnapshotDocuments(file),
    cluster,
    options.observedAt ?? new Date(),
    { file: path.basename(file) },
  );
  const chunk = options.chunk ?? 500;
  const report: SnapshotImportReport = {
    observed: plan.facts.length,
    appended: 0,
    duplicates: 0,
    skipped: plan.skipped,
    problems: plan.problems,
  };
  for (let i = 0; i < plan.facts.length; i += chunk) {
    const result = await recordFacts(pool, plan.facts.slice(i, i + chunk));
    report.appended += result.appended.length;
    report.duplicates += result.duplicates.length;
    options.onProgress?.(Math.min(i + chunk, plan.facts.length), plan.facts.length);
  }
  return report;
}
