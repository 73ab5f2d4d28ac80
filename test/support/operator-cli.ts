import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);

/** The operator cli as an admin runs it: the built bin against the test stack's database. */
export async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['bin/policy-ledger.js', ...args], {
    cwd: inject('rootDir'),
    env: { ...process.env, DATABASE_URL: inject('stack').DATABASE_URL },
  });
  return stdout;
}

export interface CreatedToken {
  id: string;
  name: string;
  token: string;
}

/** `policy-ledger tokens create`: the new token is the last line of its output. */
export async function createToken(
  role: string,
  name: string,
  ...options: string[]
): Promise<CreatedToken> {
  const stdout = await cli('tokens', 'create', '--role', role, '--name', name, ...options);
  const token = stdout.trimEnd().split('\n').at(-1)!;
  const id = /created API token ([0-9a-f-]{36})/.exec(stdout)?.[1];
  if (!/^plt_[A-Za-z0-9_-]{43}$/.test(token) || !id)
    throw new Error(`tokens create printed no token:\n${stdout}`);
  return { id, name, token };
}
