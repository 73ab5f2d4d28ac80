import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../report-model';
import { comparePageImages } from './testing/compare-page-images';
import { decodePng } from './testing/png-codec';
import { extractPageTexts, renderPagePngs } from './testing/poppler';
import { renderToBuffer } from './testing/render-to-buffer';
import { syntheticComplianceModel, syntheticThreatModel } from './testing/synthetic-report-models';

const PAGES_DIR = path.resolve(__dirname, '../../../../test/fixtures/reports/pages');
const DIFF_DIR = path.join(tmpdir(), 'policy-ledger-page-diffs');
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';
const DPI = 50;
/** Share of pixels allowed to differ: anti-aliasing between poppler versions, not a moved table. */
const TOLERANCE = 0.001;

interface PageCase {
  name: string;
  pdf: () => Buffer;
  /** Which page, found from the document's own text so the case survives layout changes. */
  page: (pages: readonly string[]) => number;
}

let compliance: Buffer;
let threatModel: Buffer;
let brokenChain: Buffer;

/** The 1-based page of the first page after the contents whose text contains `text`, plus `offset`. */
const pageWith =
  (text: string, offset = 0) =>
  (pages: readonly string[]) =>
    pages.findIndex((page, i) => i > 1 && page.includes(text)) + 1 + offset;

const CASES: PageCase[] = [
  { name: 'compliance-title', pdf: () => compliance, page: () => 1 },
  { name: 'compliance-contents', pdf: () => compliance, page: () => 2 },
  { name: 'compliance-summary-chart', pdf: () => compliance, page: pageWith('Changes per day') },
  {
    name: 'compliance-change-table',
    pdf: () => compliance,
    page: pageWith('Every change in the period', 1),
  },
  { name: 'compliance-findings', pdf: () => compliance, page: pageWith('Best-practice findings') },
  { name: 'threat-model-table', pdf: () => threatModel, page: pageWith('Threat model') },
  { name: 'broken-chain-title', pdf: () => brokenChain, page: () => 1 },
];

async function render(model: ReportModel): Promise<Buffer> {
  return renderToBuffer(model);
}

beforeAll(async () => {
  compliance = await render(syntheticComplianceModel());
  threatModel = await render(syntheticThreatModel());
  brokenChain = await render(syntheticComplianceModel({ verified: false, changes: 40 }));
}, 60_000);

describe('rendered pages', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    'look like the reference image of %s (UPDATE_GOLDEN=1 rewrites it)',
    (name, pageCase) => {
      const pdf = pageCase.pdf();
      const page = pageCase.page(extractPageTexts(pdf));
      expect(page, `no page found for ${name}`).toBeGreaterThan(0);
      const png = renderPagePngs(pdf, [page], DPI).get(page);
      if (png === undefined) throw new Error(`pdftoppm rendered nothing for page ${page}`);
      const reference = path.join(PAGES_DIR, `${name}.png`);
      if (UPDATE_GOLDEN) {
        mkdirSync(PAGES_DIR, { recursive: true });
        writeFileSync(reference, png);
      }
      expect(
        existsSync(reference),
        `${reference} is missing: run UPDATE_GOLDEN=1 npx vitest run --project unit libs/reports/src/pdf`,
      ).toBe(true);
      const comparison = comparePageImages(decodePng(readFileSync(reference)), decodePng(png));
      if (comparison.sameSize && comparison.differing <= TOLERANCE) return;
      mkdirSync(DIFF_DIR, { recursive: true });
      const diffPath = path.join(DIFF_DIR, `${name}-diff.png`);
      const actualPath = path.join(DIFF_DIR, `${name}-actual.png`);
      writeFileSync(diffPath, comparison.diffPng);
      writeFileSync(actualPath, png);
      expect.fail(
        `page ${page} (${name}) differs from ${reference}: ${(comparison.differing * 100).toFixed(2)} % of pixels${comparison.sameSize ? '' : ', and the size changed'}. Differences in red: ${diffPath}; this rendering: ${actualPath}. If the change is intended, regenerate with UPDATE_GOLDEN=1 and look at the new images.`,
      );
    },
  );
});
