import { Command, CommanderError } from 'commander';
import { registerDbCommands } from './commands/db.command';
import { registerImportCommands } from './commands/import.command';
import { registerLedgerCommands } from './commands/ledger.command';
import { registerRbacCommands } from './commands/rbac.command';
import { registerReportCommands } from './commands/report.command';
import { registerStackCommands } from './commands/stack.command';
import { registerTokensCommands } from './commands/tokens.command';
import { UsageError } from './usage-error';

const program = new Command('policy-ledger')
  .description(
    'Policy Ledger operator cli: the stack, imports, verification, RBAC questions and reports',
  )
  .showHelpAfterError()
  .exitOverride();
registerStackCommands(program);
registerRbacCommands(program);
registerDbCommands(program);
registerImportCommands(program);
registerLedgerCommands(program);
registerTokensCommands(program);
registerReportCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  console.error(`policy-ledger: ${(error as Error).message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
