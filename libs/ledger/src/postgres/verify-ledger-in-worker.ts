import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChainVerification } from '../hash-chain';

/** The worker script next to this file, once compiled (dist/); sources are not run as workers. */
const WORKER_SCRIPT = path.join(__dirname, 'verify-ledger-worker.js');

export interface VerifyInWorkerOptions {
  /** The head to verify up to (see verifyLedger's upTo). */
  upTo: number;
  /** Stops the worker; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** What the verification worker receives. */
export interface VerifyLedgerJob {
  databaseUrl: string;
  upTo: number;
}

export type VerifyLedgerWorkerMessage =
  | { kind: 'done'; verification: ChainVerification }
  | { kind: 'failed'; message: string };

/**
 * Verifies the hash chain in a thread of its own, with a connection of its own: rehashing a large
 * ledger is seconds of CPU, which a report renders alongside instead of waiting for.
 */
export function verifyLedgerInWorker(
  databaseUrl: string,
  options: VerifyInWorkerOptions,
): Promise<ChainVerification> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(options.signal.reason);
      return;
    }
    const job: VerifyLedgerJob = { databaseUrl, upTo: options.upTo };
    // Two pages of events at a time: a small young generation keeps its RSS down; the old
    // generation's cap only guards against runaway pages of very large objects.
    const worker = new Worker(WORKER_SCRIPT, {
      workerData: job,
      resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 1_024 },
    });
    let outcome: ChainVerification | Error | undefined;
    const abort = () => {
      outcome ??= options.signal?.reason ?? new Error('chain verification aborted');
      void worker.terminate();
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: VerifyLedgerWorkerMessage) => {
      outcome ??=
        message.kind === 'done'
          ? message.verification
          : new Error(`chain verification failed: ${message.message}`);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      outcome ??= error;
    });
    worker.once('exit', (code) => {
      options.signal?.removeEventListener('abort', abort);
      if (outcome instanceof Error) reject(outcome);
      else if (outcome) resolve(outcome);
      else reject(new Error(`the chain verification worker exited with code ${code}`));
    });
  });
}
