// Compiles apps/, libs/ and the TypeScript benchmarks with swc into dist/, keeping the folder layout and rewriting the
// @policy-ledger/* aliases into relative requires. TypeScript 7 ships tsc only (no compiler API),
// so Nest CLI's builders cannot run; swc is what `nest build --builder swc` would use anyway.
// Type checking is separate: `npm run typecheck`.

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist');
const sourceRoots = ['apps', 'libs', 'bench'];
const isTest = (file) => /\.(spec|int\.spec|e2e\.spec)\.ts$/.test(file);

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !isTest(entry.name))
      yield full;
  }
}

export async function listSources() {
  const files = [];
  for (const dir of sourceRoots) for await (const f of walk(path.join(root, dir))) files.push(f);
  return files.sort();
}

/** A fingerprint of every source file's path, size and mtime, to skip builds when nothing changed. */
export async function sourcesFingerprint() {
  const hash = createHash('sha256');
  for (const f of await listSources()) {
    const s = await stat(f);
    hash.update(`${f}:${s.size}:${s.mtimeMs}\n`);
  }
  for (const f of ['tsconfig.json', 'package-lock.json', 'scripts/build.mjs']) {
    const s = await stat(path.join(root, f)).catch(() => undefined);
    hash.update(`${f}:${s?.size}:${s?.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

const stampFile = path.join(outDir, '.build-stamp');

export async function isBuildFresh() {
  const stamp = await readFile(stampFile, 'utf8').catch(() => '');
  return stamp === (await sourcesFingerprint());
}

export async function build({ quiet = false } = {}) {
  const started = performance.now();
  const fingerprint = await sourcesFingerprint();
  // Built aside and swapped in, so a process starting meanwhile (a test, a bench) never finds
  // dist/ half written or gone.
  const building = `${outDir}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  const files = await listSources();
  await Promise.all(
    files.map(async (file) => {
      const out = await transformFile(file, {
        swcrc: false,
        sourceMaps: true,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          target: 'es2024',
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          keepClassNames: true,
          baseUrl: root,
          paths: { '@policy-ledger/*': ['./libs/*/src/index.ts'] },
        },
        module: { type: 'commonjs', strictMode: true },
      });
      const dest = path.join(building, path.relative(root, file)).replace(/\.ts$/, '.js');
      await mkdir(path.dirname(dest), { recursive: true });
      await writeFile(dest, `${out.code}\n//# sourceMappingURL=${path.basename(dest)}.map\n`);
      if (out.map) await writeFile(`${dest}.map`, out.map);
    }),
  );
  await writeFile(path.join(building, path.basename(stampFile)), fingerprint);
  const previous = `${outDir}.previous-${process.pid}`;
  await rename(outDir, previous).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(building, outDir);
  await rm(previous, { recursive: true, force: true });
  if (!quiet) {
    const ms = Math.round(performance.now() - started);
    console.error(`build: ${files.length} files compiled into dist/ in ${ms} ms`);
  }
}

export async function ensureBuilt() {
  if (!(await isBuildFresh())) await build({ quiet: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build();
}
