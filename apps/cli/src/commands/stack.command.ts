import path from 'node:path';
import {
  describeSettings,
  formatTimings,
  stackDown,
  stackStatus,
  stackUp,
} from '@policy-ledger/stack';
import type { Command } from 'commander';
import { DEFAULT_TOPICS } from '../default-topics';
import { projectRoot } from '../project-root';

export function registerStackCommands(program: Command): void {
  const stack = program
    .command('stack')
    .description('start, stop or inspect the local PostgreSQL + Kafka stack');
  const stateDir = () => path.join(projectRoot(), '.stack');

  stack
    .command('up')
    .description('start the stack (or reuse the running one) and write .stack/env')
    .action(async () => {
      const started = performance.now();
      const result = await stackUp({
        rootDir: projectRoot(),
        stateDir: stateDir(),
        topics: DEFAULT_TOPICS,
        log: (line) => console.error(line),
      });
      if (result.reused) console.error('stack: already running');
      else
        console.error(
          `stack: up in ${((performance.now() - started) / 1000).toFixed(1)} s (${formatTimings(result.timings)})`,
        );
      console.error(
        `stack: settings written to ${path.relative(process.cwd(), result.envFile) || result.envFile}`,
      );
      for (const line of describeSettings(result.settings)) console.log(line);
    });

  stack
    .command('down')
    .description('stop the stack started by `stack up`')
    .action(async () => {
      const { stopped } = await stackDown(stateDir());
      console.error(
        stopped.length > 0
          ? `stack: stopped ${stopped.join(' and ')}`
          : 'stack: nothing was running',
      );
    });

  stack
    .command('status')
    .description('show whether the stack runs and how to reach it')
    .action(async () => {
      const status = await stackStatus(stateDir());
      if (status.services.length === 0) {
        console.log('stack: not running');
        return;
      }
      for (const s of status.services)
        console.log(`${s.name}: pid ${s.pid} ${s.alive ? 'running' : 'not running'}`);
      if (status.settings) for (const line of describeSettings(status.settings)) console.log(line);
      if (!status.running) process.exitCode = 1;
    });
}
