import { Command, CommanderError } from 'commander';
import { registerStackCommands } from './commands/stack.command';

const program = new Command('policy-ledger')
  .description(
    'Policy Ledger operator cli: the stack, imports, verification, RBAC questions and reports',
  )
  .showHelpAfterError()
  .exitOverride();
registerStackCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  console.error(`policy-ledger: ${(error as Error).message}`);
  process.exit(1);
});
