// One measurement in a fresh process, so each gets its own peak RSS (VmHWM): `report` renders the
// synthetic compliance report, `bare` writes the same change rows as plain pdfkit text rows,
// `ledger` builds the compliance report of a seeded ledger and writes it as PDF.
// Prints one JSON line. Run through run.mjs, which builds dist/ first.
import { createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const pdfDir = path.join(root, 'dist', 'libs', 'reports', 'src', 'pdf');
// Each mode loads only what it uses: the ledger mode's process holds what `policy-ledger report`
// needs besides its worker, not the renderer as well.
const synthetic = () => require(path.join(pdfDir, 'testing', 'synthetic-report-models.js'));

const [mode, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 100_000);
const file = path.join(tmpdir(), `policy-ledger-bench-${mode}-${process.pid}.pdf`);

/** The change table's cells as plain text, the way a bare table would print them. */
function plainRow(change) {
  const object = [change.namespace, change.name].filter(Boolean).join('/');
  return [
    change.occurredAt,
    change.actor ?? 'unknown actor',
    change.sourceIp ?? '',
    `${change.verb} ${change.resource} ${object}`,
    change.summary.join(' '),
    change.outcome,
    change.risk ?? '',
    change.auditId ?? '',
  ].join('  |  ');
}

async function renderReport() {
  const { renderReportPdf } = require(path.join(pdfDir, 'render-report-pdf.js'));
  const model = synthetic().syntheticComplianceModel({ changes: count });
  const started = performance.now();
  await renderReportPdf(model, createWriteStream(file));
  return performance.now() - started;
}

async function renderBareTable() {
  const { PDFDocument } = require('pdfkit');
  const { resolveFontFile } = require(path.join(pdfDir, 'load-report-faces.js'));
  const { syntheticChanges } = synthetic();
  const started = performance.now();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    font: resolveFontFile('condensed'),
  });
  const out = createWriteStream(file);
  doc.pipe(out);
  doc.fontSize(7.5);
  for await (const change of syntheticChanges(count).open()) doc.text(plainRow(change));
  doc.end();
  await finished(out);
  return performance.now() - started;
}

/**
 * The report as a user gets it (`policy-ledger report`, or a run of the API's report runner):
 * built from the ledger (PostgreSQL at DATABASE_URL, seeded by run.mjs) and rendered to PDF in
 * the report worker, the change rows read as the pages fill.
 */
async function reportFromLedger() {
  const { runReportInWorker } = require(
    path.join(root, 'dist', 'libs', 'reports', 'src', 'worker', 'run-report-in-worker.js'),
  );
  const started = performance.now();
  const report = await runReportInWorker(
    {
      databaseUrl: process.env.DATABASE_URL,
      id: 'bench',
      type: 'compliance',
      cluster: 'bench-0',
      from: LEDGER_PERIOD.from,
      to: LEDGER_PERIOD.to,
      format: 'pdf',
      generatedAt: '2026-11-21T00:00:00.000000Z',
      version: 'bench',
      output: { kind: 'file', path: file },
    },
    {
      onProgress: (_progress, step) => {
        if (step === 'rendering') modelSeconds ??= (performance.now() - started) / 1000;
      },
    },
  );
  ledgerEvents = report.ledger.position;
  return performance.now() - started;
}

/** The quarter run.mjs seeds its changes into (bench/seed-ledger.mjs), and a day either side. */
const LEDGER_PERIOD = { from: '2025-12-31T00:00:00Z', to: '2026-04-02T00:00:00Z' };
let modelSeconds;
let ledgerEvents;

const cpuBefore = process.cpuUsage();
const elapsedMs =
  mode === 'bare'
    ? await renderBareTable()
    : mode === 'ledger'
      ? await reportFromLedger()
      : await renderReport();
const cpu = process.cpuUsage(cpuBefore);
const status = readFileSync('/proc/self/status', 'utf8');
const peakKiB = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
const bytes = statSync(file).size;
rmSync(file);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    mode,
    count,
    seconds: elapsedMs / 1000,
    cpuSeconds,
    peakRssMiB: peakKiB / 1024,
    bytes,
    ...(mode === 'ledger' ? { modelSeconds, ledgerEvents } : {}),
  }),
);
