import { parentPort, workerData } from 'node:worker_threads';
import { produceReport } from './produce-report';
import type { ReportJob, ReportWorkerMessage } from './report-job';

// The report worker's entry point: one job from workerData, its progress and outcome to the parent.
const PROGRESS_EVERY_MS = 250;

async function main(): Promise<void> {
  const post = (message: ReportWorkerMessage) => parentPort!.postMessage(message);
  let lastPost = 0;
  try {
    const report = await produceReport(workerData as ReportJob, (progress, step) => {
      const now = Date.now();
      if (now - lastPost < PROGRESS_EVERY_MS) return;
      lastPost = now;
      post({ kind: 'progress', progress, step });
    });
    post({ kind: 'done', report });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    post({
      kind: 'failed',
      message: failure.message,
      ...(failure.stack ? { stack: failure.stack } : {}),
    });
  }
}

void main();
