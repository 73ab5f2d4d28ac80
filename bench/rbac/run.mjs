// `npm run bench:rbac`: runs the compiled bench (scripts/build.mjs puts bench/rbac into dist/) in
// a fresh node with --expose-gc, so the memory figures are taken after collection.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../scripts/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
await ensureBuilt();
const entry = path.join(root, 'dist', 'bench', 'rbac', 'rbac.bench.js');
const result = spawnSync(
  process.execPath,
  ['--expose-gc', '-e', `require(${JSON.stringify(entry)}).runRbacBench()`],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
