import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProducedReport, ReportJob, ReportWorkerMessage } from './report-job';

export interface ReportWorkerLimits {
  /**
   * V8's young generation: rendering allocates fast, and left alone V8 grows it to 100+ MiB of
   * mostly empty space. 48 MiB (16 MiB semi-spaces) keeps a 100,000-change report near 300 MiB.
   */
  maxYoungGenerationSizeMb: number;
  /**
   * A report past this fails on its own, instead of taking its process down. The cap also sets
   * how far V8 lets the old generation grow past what is live before it collects: 4× from a
   * 2 GiB cap up, at most 2× below it. Rendering promotes short-lived rows at a fast rate, so at
   * 2 GiB a report with 40 MiB live committed 200 MiB; just below, 130-150 MiB, for a few more
   * collections (bench:report).
   */
  maxOldGenerationSizeMb: number;
}

export const DEFAULT_REPORT_WORKER_LIMITS: ReportWorkerLimits = {
  maxYoungGenerationSizeMb: 48,
  maxOldGenerationSizeMb: 2_000,
};

/** The worker script next to this file, once compiled (dist/); sources are not run as workers. */
const WORKER_SCRIPT = path.join(__dirname, 'report-worker.js');

/**
 * Produces a report in a worker thread: building and rendering a large report is seconds of CPU
 * that would otherwise stall the API's event loop, and its memory is bounded on its own.
 */
export function runReportInWorker(
  job: ReportJob,
  options: {
    onProgress?: (progress: number, step: string) => void;
    limits?: ReportWorkerLimits;
  } = {},
): Promise<ProducedReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, {
      workerData: job,
      resourceLimits: options.limits ?? DEFAULT_REPORT_WORKER_LIMITS,
    });
    let outcome: ProducedReport | Error | undefined;
    worker.on('message', (message: ReportWorkerMessage) => {
      if (message.kind === 'progress') {
        options.onProgress?.(message.progress, message.step);
        return;
      }
      if (message.kind === 'done') outcome = message.report;
      else {
        const failure = new Error(message.message);
        if (message.stack) failure.stack = message.stack;
        outcome = failure;
      }
      // Its work is over (its pool already closed): nothing it might still hold open matters.
      void worker.terminate();
    });
    worker.once('error', (error) => {
      outcome ??= error;
    });
    worker.once('exit', (code) => {
      if (outcome instanceof Error) reject(outcome);
      else if (outcome) resolve(outcome);
      else reject(new Error(`the report worker exited with code ${code} before finishing`));
    });
  });
}
