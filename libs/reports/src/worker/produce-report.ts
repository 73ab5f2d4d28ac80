import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createPool, readLedgerHead, verifyLedgerInWorker } from '@policy-ledger/ledger';
import { ChunkSink } from '../file/chunk-sink';
import { reportFileOf, writeReportFile } from '../file/write-report-file';
import { buildReportDraft } from '../postgres/build-report-model';
import { appendReportContent, clearReportContent } from '../postgres/reports.repository';
import type { ProducedReport, ReportJob } from './report-job';

/** How much of a run's progress building the model stands for; rendering is the rest. */
const MODEL_SHARE = 0.2;

/**
 * Builds a report's model from the ledger and renders it to its output, with a pool of its own.
 * The hash chain up to the ledger's head is verified in a thread of its own meanwhile: on a large
 * ledger that takes about as long as the rest. Runs inside the report worker; the chunks of a
 * database output replace any earlier attempt's.
 */
export async function produceReport(
  job: ReportJob,
  onProgress: (progress: number, step: string) => void,
): Promise<ProducedReport> {
  // Room for the draft's queries at once (the period's aggregates run while RBAC is read and
  // assessed) and for the change pages read ahead.
  const pool = createPool(job.databaseUrl, { max: 8 });
  const stopVerifying = new AbortController();
  try {
    const head = await readLedgerHead(pool);
    const verifying = verifyLedgerInWorker(job.databaseUrl, {
      upTo: head.position,
      signal: stopVerifying.signal,
    });
    const chainCheck = verifying.then(({ verified, firstBrokenAt }) => ({
      verified,
      firstBrokenAt,
    }));
    chainCheck.catch(() => undefined); // awaited by the writer; never unhandled meanwhile
    const draft = await buildReportDraft(
      pool,
      { type: job.type, cluster: job.cluster, from: job.from, to: job.to },
      head,
      {
        id: job.id,
        generatedAt: job.generatedAt,
        version: job.version,
        ...(job.rbacMode ? { rbacMode: job.rbacMode } : {}),
        ...(job.tierOwners ? { tierOwners: job.tierOwners } : {}),
        onProgress: (step, done, total) => onProgress(MODEL_SHARE * (done / total), step),
      },
    );
    const output = job.output;
    if (output.kind === 'database') await clearReportContent(pool, output.runId);
    const sink =
      output.kind === 'database'
        ? new ChunkSink((seq, data) => appendReportContent(pool, output.runId, seq, data))
        : fileSink(output.path);
    await writeReportFile(draft, chainCheck, job.format, sink, (done, total) =>
      onProgress(MODEL_SHARE + (1 - MODEL_SHARE) * (total === 0 ? 1 : done / total), 'rendering'),
    );
    await finished(sink);
    return {
      ...reportFileOf(draft, job.format),
      size: sink.size,
      sha256: sink.sha256,
      ledger: { ...head, ...(await chainCheck) },
    };
  } finally {
    stopVerifying.abort(new Error('the report ended before its chain check'));
    await pool.end();
  }
}

/** Chunks appended to a file in order (the sink hands them over one at a time), then closed. */
function fileSink(path: string): ChunkSink {
  const file = createWriteStream(path);
  const closed = finished(file);
  closed.catch(() => undefined);
  return new ChunkSink(
    async (_seq, data) => {
      if (!file.write(data)) await Promise.race([once(file, 'drain'), closed]);
    },
    async () => {
      file.end();
      await closed;
    },
  );
}
