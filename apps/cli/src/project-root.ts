import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The checkout's root (where package.json names policy-ledger), from wherever the cli was started. */
export function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'policy-ledger')
      return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
