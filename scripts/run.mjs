// `npm run -s cli -- <command>`: builds when sources changed since the last build, then runs the cli.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await ensureBuilt();
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', path.join(root, 'bin', 'policy-ledger.js'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? (result.signal ? 1 : 0));
