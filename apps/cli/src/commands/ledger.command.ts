import { createPool, rebuildReadModels, verifyLedger } from '@policy-ledger/ledger';
import type { Command } from 'commander';
import { requireDatabaseUrl } from '../cli-environment';
import { progressBar } from '../progress';

export function registerLedgerCommands(program: Command): void {
  program
    .command('verify')
    .description('recompute the hash chain over every event and report the first broken position')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const pool = createPool(requireDatabaseUrl());
      const progress = progressBar('verify', ' events');
      try {
        const result = await verifyLedger(pool, {
          onProgress: (state, total) => progress.update(state.head.position, total),
        });
        progress.stop();
        if (options.json) console.log(JSON.stringify(result));
        else if (result.verified)
          console.log(
            `verified: ${result.events} events, head position ${result.head.position}, hash ${result.head.hash}`,
          );
        else console.log(`BROKEN at position ${result.firstBrokenAt}: ${result.reason}`);
        if (!result.verified) process.exitCode = 3;
      } finally {
        progress.stop();
        await pool.end();
      }
    });

  program
    .command('projections')
    .description('read models folded from the events')
    .command('rebuild')
    .description('drop the read models and fold every event into them again')
    .action(async () => {
      const pool = createPool(requireDatabaseUrl());
      const progress = progressBar('rebuild', ' events');
      try {
        const started = performance.now();
        const { events } = await rebuildReadModels(pool, {
          onProgress: (d, t) => progress.update(d, t),
        });
        progress.stop();
        console.log(
          `rebuilt the read models from ${events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      } finally {
        progress.stop();
        await pool.end();
      }
    });
}
