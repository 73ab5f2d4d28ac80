import { rm } from 'node:fs/promises';
import path from 'node:path';
import {
  formatTimings,
  type RunningStack,
  type StackSettings,
  startStack,
} from '@policy-ledger/stack';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackSettings;
    rootDir: string;
  }
}

const rootDir = path.resolve(__dirname, '..');

// The integration and e2e projects share one stack per run: the first setup starts it, the last
// teardown stops it. globalThis is shared by every project's global setup in the main process.
interface SharedStack {
  users: number;
  ready: Promise<RunningStack>;
  stateDir: string;
}
const shared = globalThis as { __policyLedgerStack?: SharedStack };

async function bringUp(stateDir: string): Promise<RunningStack> {
  const { build } = (await import(path.join(rootDir, 'scripts', 'build.mjs'))) as {
    build: (o: { quiet: boolean }) => Promise<void>;
  };
  const started = performance.now();
  const [stack] = await Promise.all([
    startStack({
      rootDir,
      stateDir,
      env: process.env,
      topics: [
        { topic: 'k8s.audit', partitions: 3 },
        { topic: 'k8s.audit.dlq', partitions: 1 },
      ],
      ownerPid: process.pid,
      log: (line) => console.error(line),
    }),
    build({ quiet: true }),
  ]);
  console.error(
    `test stack: up in ${((performance.now() - started) / 1000).toFixed(1)} s (${formatTimings(stack.timings)})`,
  );
  return stack;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!shared.__policyLedgerStack) {
    const stateDir = path.join(rootDir, '.stack', `test-${process.pid}`);
    shared.__policyLedgerStack = { users: 0, ready: bringUp(stateDir), stateDir };
  }
  const entry = shared.__policyLedgerStack;
  entry.users += 1;
  const stack = await entry.ready;
  project.provide('stack', stack.settings);
  project.provide('rootDir', rootDir);
  return async () => {
    entry.users -= 1;
    if (entry.users > 0) return;
    shared.__policyLedgerStack = undefined;
    await stack.stop();
    await rm(entry.stateDir, { recursive: true, force: true });
  };
}
