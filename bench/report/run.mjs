// `npm run bench:report`: the PDF renderer on a period of 100,000 policy changes (synthetic rows
// generated lazily), against pdfkit writing the same rows as bare plain-text rows in the same
// run. Each side runs in its own process so its peak RSS (VmHWM) is its own.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../scripts/build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const count = Number(process.env.BENCH_CHANGES ?? 100_000);
const TARGETS = { seconds: 10, peakRssMiB: 300, ratio: 2 };

function measure(mode) {
  const result = spawnSync(
    process.execPath,
    [path.join(here, 'measure-report.mjs'), mode, String(count)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error(`bench ${mode} failed with status ${result.status}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const verdict = (value, target) => (value <= target ? `✔ ≤ ${target}` : `✘ target ≤ ${target}`);

await ensureBuilt();
const bare = measure('bare');
const report = measure('report');
const ratio = report.seconds / bare.seconds;
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
console.log(
  `report pdf: ${report.seconds.toFixed(2)} s, peak RSS ${report.peakRssMiB.toFixed(0)} MiB (bare pdfkit table ${bare.seconds.toFixed(2)} s, ratio ${ratio.toFixed(2)})`,
);
console.log(
  `  ${count.toLocaleString('en')} changes (synthetic) · report ${mib(report.bytes)} MiB PDF · bare table ${mib(bare.bytes)} MiB PDF, peak RSS ${bare.peakRssMiB.toFixed(0)} MiB`,
);
console.log(
  `  time ${verdict(report.seconds, TARGETS.seconds)} s · peak RSS ${verdict(report.peakRssMiB, TARGETS.peakRssMiB)} MiB · ratio ${verdict(ratio, TARGETS.ratio)}`,
);
