import { parentPort, workerData } from 'node:worker_threads';
import { createPool } from './create-pool';
import { verifyLedger } from './verify-ledger';
import type { VerifyLedgerJob, VerifyLedgerWorkerMessage } from './verify-ledger-in-worker';

// The verification worker's entry point: verifies up to the job's head and posts the outcome.
async function main(): Promise<void> {
  const job = workerData as VerifyLedgerJob;
  const post = (message: VerifyLedgerWorkerMessage) => parentPort!.postMessage(message);
  // One connection: verifyLedger holds it, reading the next page on it while it hashes one.
  const pool = createPool(job.databaseUrl, { max: 1 });
  try {
    post({ kind: 'done', verification: await verifyLedger(pool, { upTo: job.upTo }) });
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    await pool.end();
  }
}

void main();
