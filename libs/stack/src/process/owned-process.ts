import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface OwnedProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
  uid?: number;
  gid?: number;
}

export interface OwnedProcess {
  name: string;
  pid: number;
  /** Resolves with the exit code (or signal) when the process ends, for whatever reason. */
  exited: Promise<string>;
  hasExited(): boolean;
}

/**
 * Starts a long-running child in its own process group (so the whole tree can be signalled),
 * with stdout and stderr appended to a log file, and not tied to this process's lifetime:
 * `stack up` must be able to return while the services keep running.
 */
export function startOwnedProcess(spec: OwnedProcessSpec): OwnedProcess {
  const log = openSync(spec.logFile, 'a');
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true,
    stdio: ['ignore', log, log],
    uid: spec.uid,
    gid: spec.gid,
  });
  closeSync(log);
  let ended = false;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      ended = true;
      resolve(signal ? `signal ${signal}` : `code ${code}`);
    });
    child.once('error', (error) => {
      ended = true;
      resolve(`error ${error.message}`);
    });
  });
  child.unref();
  if (child.pid === undefined) throw new Error(`${spec.name}: could not start ${spec.command}`);
  return { name: spec.name, pid: child.pid, exited, hasExited: () => ended };
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isProcessAlive(pid);
}

/**
 * Stops a process group: the polite signal first (SIGTERM gives Kafka a controlled shutdown,
 * SIGINT is PostgreSQL's "fast" shutdown), SIGKILL to the group if it does not end in time.
 */
export async function stopProcessGroup(
  pid: number,
  options: { signal?: NodeJS.Signals; graceMs?: number } = {},
): Promise<void> {
  if (!isProcessAlive(pid)) return;
  signalGroup(pid, options.signal ?? 'SIGTERM');
  if (await waitUntilGone(pid, options.graceMs ?? 15_000)) return;
  signalGroup(pid, 'SIGKILL');
  await waitUntilGone(pid, 5_000);
}
