import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { recordFacts } from '@policy-ledger/ledger';
import type pg from 'pg';
import { type DeadLetter, planMessage } from '../plan-message';

export interface ImportReport {
  lines: number;
  kept: number;
  appended: number;
  duplicates: number;
  ignored: number;
  deadLetters: DeadLetter[];
}

/**
 * Backfills the ledger from an audit log file (JSON Lines, as the API server's log backend
 * writes it), streaming it in chunks: the file is never held in memory. Each line is planned as
 * a message would be, so a re-import stores nothing twice and bad lines are recorded as dead
 * letters with their line number.
 */
export async function importAuditLog(
  pool: pg.Pool,
  file: string,
  cluster: string,
  options: {
    chunkLines?: number;
    onProgress?: (bytesRead: number, totalBytes: number) => void;
  } = {},
): Promise<ImportReport> {
  const chunkLines = options.chunkLines ?? 1_000;
  const { size: total, mtimeMs } = await stat(file);
  const report: ImportReport = {
    lines: 0,
    kept: 0,
    appended: 0,
    duplicates: 0,
    ignored: 0,
    deadLetters: [],
  };
  const source = `file:${path.basename(file)}`;
  const input = createReadStream(file);
  let pending: ReturnType<typeof planMessage>[] = [];
  let bytes = 0;
  const flush = async () => {
    const facts = pending.flatMap((p) => p.facts);
    pending = [];
    if (facts.length === 0) return;
    const result = await recordFacts(pool, facts);
    report.appended += result.appended.length;
    report.duplicates += result.duplicates.length;
  };
  const timestamp = new Date(mtimeMs).toISOString();
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    report.lines += 1;
    bytes += Buffer.byteLength(line) + 1;
    if (line.trim() === '') continue;
    const plan = planMessage(
      {
        topic: source,
        partition: 0,
        offset: String(report.lines),
        value: Buffer.from(line),
        headers: {},
        timestamp,
      },
      cluster,
    );
    report.kept += plan.kept;
    report.ignored += Object.values(plan.ignored).reduce((a, b) => a + (b ?? 0), 0);
    report.deadLetters.push(...plan.deadLetters);
    pending.push(plan);
    if (pending.length >= chunkLines) {
      await flush();
      options.onProgress?.(Math.min(bytes, total), total);
    }
  }
  await flush();
  options.onProgress?.(total, total);
  return report;
}
