import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { stopProcessGroup, watchOwner } from '@policy-ledger/stack';
import { inject } from 'vitest';

export interface RunningApp {
  url: string;
  pid: number;
  /** Every JSON log line the app printed so far. */
  logs: Array<Record<string, unknown>>;
  /** What it wrote to stderr (crashes, not logs). */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it does not exit in time; resolves once it is gone. */
  stop(): Promise<void>;
  /** Kills it at once, as a crash would. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Runs a built app (dist/apps/<app>) against the test stack, as its own process group, watched so
 * that it dies with this test worker even if the worker is killed. Resolves once /readyz says ready.
 */
export async function startApp(
  app: 'api' | 'ingestor',
  env: Record<string, string>,
  options: { readyTimeoutMs?: number } = {},
): Promise<RunningApp> {
  const stack = inject('stack');
  const main = path.join(inject('rootDir'), 'dist', 'apps', app, 'src', 'main.js');
  // --throw-deprecation: pg's "client is already executing a query" warning means concurrent
  // queries on one transaction's client, a bug the tests should surface, not a log line.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--enable-source-maps', '--throw-deprecation', main],
    {
      env: {
        ...process.env,
        DATABASE_URL: stack.DATABASE_URL,
        KAFKA_BROKERS: stack.KAFKA_BROKERS,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const pid = child.pid!;
  const watcher = watchOwner(process.pid, [pid]);
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.url === 'string' && /listening/.test(String(entry.msg)))
          resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    void exited.then((code) =>
      reject(new Error(`${app} exited with ${code} before listening:\n${stderr}`)),
    );
  });
  const stop = async (signal: NodeJS.Signals) => {
    await stopProcessGroup(pid, { signal, graceMs: 20_000 });
    await stopProcessGroup(watcher, { graceMs: 1_000 });
  };
  const running: RunningApp = {
    url: '',
    pid,
    logs,
    stderr: () => stderr,
    exited,
    stop: () => stop('SIGTERM'),
    kill: () => stop('SIGKILL'),
  };
  try {
    running.url = (await url).replace('0.0.0.0', '127.0.0.1');
    await waitUntilReady(running.url, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await running.kill();
    throw error;
  }
  return running;
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
      last = await response.text();
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready within ${timeoutMs} ms: ${last}`);
}

/** Polls until `probe` returns a value (not undefined), or fails with the last seen state. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  options: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(
    `timed out waiting for ${options.what ?? 'a condition'}${lastError ? `: ${(lastError as Error).message}` : ''}`,
  );
}
