// `npm run bench:rbac`: compiles libs/rbac and bench/rbac with the repo's swc (the same options as
// scripts/build.mjs, aliases rewritten to relative requires) into node_modules/.cache/rbac-bench,
// then runs the bench in a fresh node with --expose-gc so the memory figures are after collection.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.join(root, 'node_modules', '.cache', 'rbac-bench');

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) yield full;
  }
}

await rm(outDir, { recursive: true, force: true });
for (const dir of ['libs/rbac/src', 'bench/rbac']) {
  for await (const file of walk(path.join(root, dir))) {
    const out = await transformFile(file, {
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript' },
        target: 'es2023',
        baseUrl: root,
        paths: { '@policy-ledger/*': ['./libs/*/src/index.ts'] },
      },
      module: { type: 'commonjs', strictMode: true },
    });
    const dest = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
    await mkdir(path.dirname(dest), { recursive: true });
    await writeFile(dest, out.code);
  }
}
const entry = path.join(outDir, 'bench', 'rbac', 'rbac.bench.js');
if (process.argv.includes('--compile-only')) process.exit(0);
const result = spawnSync(
  process.execPath,
  ['--expose-gc', '-e', `require(${JSON.stringify(entry)}).runRbacBench()`],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
