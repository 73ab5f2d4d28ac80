import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTCOMES, type ReportDraft, type ReportModel } from '../report-model';
import { formatOutcome } from './format-report-values';
import { renderDraftPdf, renderReportPdf } from './render-report-pdf';
import { MARGIN, PAGE } from './report-theme';
import {
  extractPageTexts,
  extractWordBoxes,
  listPdfFonts,
  readPdfInfo,
  type WordBox,
} from './testing/poppler';
import { renderToBuffer } from './testing/render-to-buffer';
import {
  LONG_POLICY,
  LONG_RBAC_NAME,
  LONG_SELECTOR,
  LONG_TIER,
  NON_ASCII_ACTOR,
  NON_ASCII_TIER,
  syntheticComplianceModel,
  syntheticThreatModel,
  UNBREAKABLE_TOKEN,
} from './testing/synthetic-report-models';

const GOLDEN_DIR = path.resolve(__dirname, '../../../../test/fixtures/reports');
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

interface Rendered {
  model: ReportModel;
  pdf: Buffer;
  /** pdftotext's reading order, whitespace collapsed. */
  pages: string[];
  /** Content-stream order (-raw), whitespace collapsed: a cell's lines stay together. */
  rawPages: string[];
}

async function render(model: ReportModel): Promise<Rendered> {
  const pdf = await renderToBuffer(model);
  return {
    model,
    pdf,
    pages: extractPageTexts(pdf).map(squash),
    rawPages: extractPageTexts(pdf, { raw: true }).map(squash),
  };
}

/** The index of the first page after the contents that contains `text`. */
function pageIndexOf(pages: readonly string[], text: string): number {
  return pages.findIndex((page, i) => i > 1 && page.includes(text));
}

/** Whitespace collapsed: pdftotext's line breaks depend on layout, not on content. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function withoutSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}

interface ContentsEntry {
  number: string;
  title: string;
  page: number;
}

/** The contents page read back with -layout: "3.2   Every change in the period   8". */
function readContents(pdf: Buffer): ContentsEntry[] {
  const contents = extractPageTexts(pdf, { layout: true })[1] ?? '';
  return contents
    .split('\n')
    .map((line) => /^\s*(\d+(?:\.\d+)?)\s{2,}(.+?)\s{2,}(\d+)\s*$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ number: match[1] ?? '', title: match[2] ?? '', page: Number(match[3]) }));
}

/** Pairs of words whose boxes overlap by more than a hair: text drawn over text. */
function overlappingWords(words: readonly WordBox[]): string[] {
  const sorted = [...words].sort((a, b) => a.xMin - b.xMin);
  const overlaps: string[] = [];
  sorted.forEach((word, i) => {
    for (
      let j = i + 1;
      j < sorted.length && (sorted[j]?.xMin ?? Number.POSITIVE_INFINITY) < word.xMax - 0.5;
      j++
    ) {
      const other = sorted[j]!;
      if (other.yMin < word.yMax - 0.5 && word.yMin < other.yMax - 0.5)
        overlaps.push(`"${word.text}" / "${other.text}"`);
    }
  });
  return overlaps;
}

let compliance: Rendered;
let threatModel: Rendered;
let brokenChain: Rendered;

beforeAll(async () => {
  compliance = await render(syntheticComplianceModel());
  threatModel = await render(syntheticThreatModel());
  brokenChain = await render(syntheticComplianceModel({ verified: false, changes: 40 }));
}, 60_000);

describe('renderReportPdf', () => {
  it('renders the same model to the same bytes', async () => {
    const again = await renderToBuffer(syntheticComplianceModel());
    expect(again.equals(compliance.pdf)).toBe(true);
  });

  it.each([
    ['compliance', () => compliance],
    ['threat-model', () => threatModel],
  ] as const)('matches the %s golden file (UPDATE_GOLDEN=1 rewrites it)', (name, rendered) => {
    const golden = path.join(GOLDEN_DIR, `${name}.golden.pdf`);
    if (UPDATE_GOLDEN) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(golden, rendered().pdf);
    }
    expect(
      existsSync(golden),
      `${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run --project unit libs/reports/src/pdf`,
    ).toBe(true);
    const same = readFileSync(golden).equals(rendered().pdf);
    expect(
      same,
      `the ${name} PDF differs from ${golden}; if the rendering change is intended, regenerate it with UPDATE_GOLDEN=1 and review the page images`,
    ).toBe(true);
  });

  it('writes the metadata a PDF reader shows, dated by the model', () => {
    const info = readPdfInfo(compliance.pdf);
    const { meta } = compliance.model;
    expect(info).toMatchObject({
      Title: meta.title,
      Author: 'Policy Ledger',
      Creator: 'Policy Ledger',
      CreationDate: '2026-04-01T06:00:00Z',
      ModDate: '2026-04-01T06:00:00Z',
      Pages: String(compliance.pages.length),
    });
    expect(info.Subject).toBe(
      'Compliance report for cluster prod, period [2026-03-01 00:00 UTC, 2026-04-01 00:00 UTC)',
    );
    expect(info.Keywords).toContain(meta.id);
  });

  it('embeds the DejaVu fonts and uses no standard font', () => {
    const fonts = listPdfFonts(compliance.pdf);
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
      'DejaVuSansCondensed',
      'DejaVuSansCondensed-Bold',
      'DejaVuSansMono',
    ]);
    expect(fonts.every((font) => font.embedded)).toBe(true);
  });

  it('puts the report’s identity, scope, period and ledger anchor on the title page', () => {
    const title = compliance.pages[0] ?? '';
    for (const fact of [
      'Network policy and RBAC compliance report — prod, March 2026',
      'Compliance report',
      'rpt-compliance-prod-2026-03-7f3a9c',
      'Cluster prod',
      '[2026-03-01 00:00 UTC, 2026-04-01 00:00 UTC): start included, end excluded',
      'Generated 2026-04-01 06:00:00 UTC',
      'Ledger position 1,284,113',
      'sha256:4c1f0e6f2b9d8a7c3e5f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d',
      'Hash chain verified',
    ]) {
      expect(title.includes(fact), fact).toBe(true);
    }
    expect(title).not.toContain('Page 1 of');
  });

  it('warns on the title page and in every footer when the hash chain did not verify', () => {
    const [title = '', ...body] = brokenChain.pages;
    expect(title).toContain('WARNING: the ledger’s hash chain did not verify');
    expect(title).toContain('NOT VERIFIED');
    expect(title).toContain('The first broken entry is at ledger position 1,201,554');
    for (const page of body) expect(page.includes('HASH CHAIN NOT VERIFIED')).toBe(true);
  });

  it('lists every chapter in the contents, on the page its heading is on', () => {
    const entries = readContents(compliance.pdf);
    expect(
      entries
        .filter((entry) => !entry.number.includes('.'))
        .map((entry) => `${entry.number} ${entry.title}`),
    ).toEqual([
      '1 Executive summary',
      '2 Policy inventory',
      '3 Policy audit',
      '4 Access control',
      '5 Best-practice findings',
      '6 Audit trail completeness',
      '7 Evidence appendix',
    ]);
    expect(entries.length).toBeGreaterThan(15);
    for (const entry of entries) {
      const heading = `${entry.number} ${entry.title}`;
      expect(pageIndexOf(compliance.pages, heading) + 1, heading).toBe(entry.page);
    }
  });

  it('lists the threat model’s chapters in its contents', () => {
    expect(readContents(threatModel.pdf).map((entry) => `${entry.number} ${entry.title}`)).toEqual([
      '1 Threat model',
      '2 Best-practice findings',
      '3 Access control',
      '4 Denied and failed attempts',
      '5 Evidence appendix',
      '5.1 Threats',
      '5.2 Findings',
      '5.3 Denied and failed attempts',
    ]);
  });

  it.each([
    ['compliance', () => compliance],
    ['threat-model', () => threatModel],
    ['broken-chain', () => brokenChain],
  ] as const)(
    'heads and foots every %s page but the title with the report id, the period and "Page x of y"',
    (_name, rendered) => {
      const { pages, model } = rendered();
      pages.slice(1).forEach((page, i) => {
        expect(page.includes(`Page ${i + 2} of ${pages.length}`), `page ${i + 2}`).toBe(true);
        expect(
          page.includes(`${model.meta.id} · period [2026-03-01, 2026-04-01)`),
          `page ${i + 2}`,
        ).toBe(true);
      });
    },
  );

  it('repeats the change table’s header row on every page it continues onto', () => {
    const continued = compliance.rawPages.filter((page) =>
      page.includes('Every change in the period (continued)'),
    );
    expect(continued.length).toBeGreaterThan(30);
    for (const page of continued) {
      expect(
        page.includes(
          'Every change in the period (continued) When (UTC) · change id Actor · source Change What changed Outcome · risk',
        ),
      ).toBe(true);
    }
  });

  it('continues a change longer than a page on the next page', () => {
    const first = pageIndexOf(compliance.rawPages, '(1 of 64) ');
    const last = pageIndexOf(compliance.rawPages, '(64 of 64) ');
    expect(first).toBeGreaterThan(1);
    expect(last).toBeGreaterThan(first);
    expect(compliance.rawPages[last]).toContain('Every change in the period (continued)');
  });

  it('draws the changes-per-day chart with its legend', () => {
    const chartPage = compliance.pages.find((page) => page.includes('1.2 Changes per day')) ?? '';
    const model = compliance.model;
    if (!('compliance' in model)) throw new Error('expected a compliance model');
    for (const outcome of OUTCOMES) {
      expect(chartPage).toContain(
        `${formatOutcome(outcome)} (${model.compliance.summary.changesByOutcome[outcome]})`,
      );
    }
    expect(chartPage).toContain('day (UTC, month-day)');
    expect(chartPage).toContain('03-17');
  });

  it('shows every finding, in its chapter and in the evidence appendix', () => {
    const model = compliance.model;
    if (!('compliance' in model)) throw new Error('expected a compliance model');
    const findingsStart = pageIndexOf(compliance.pages, '5 Best-practice findings');
    const appendixStart = pageIndexOf(compliance.pages, '7 Evidence appendix');
    expect(appendixStart).toBeGreaterThan(findingsStart);
    const chapter = compliance.pages.slice(findingsStart, appendixStart).join(' ');
    const appendix = compliance.pages.slice(appendixStart).join(' ');
    for (const finding of model.compliance.findings) {
      expect(chapter.includes(finding.id), finding.id).toBe(true);
      expect(appendix.includes(finding.id), finding.id).toBe(true);
    }
  });

  it.each([
    ['compliance', () => compliance],
    ['threat-model', () => threatModel],
  ] as const)(
    'keeps every word of the %s report inside the text column, clear of every other word',
    (_name, rendered) => {
      extractWordBoxes(rendered().pdf).forEach((words, i) => {
        for (const word of words) {
          expect(word.xMin, `page ${i + 1}: "${word.text}"`).toBeGreaterThanOrEqual(
            MARGIN.left - 0.5,
          );
          expect(word.xMax, `page ${i + 1}: "${word.text}"`).toBeLessThanOrEqual(
            PAGE.width - MARGIN.right + 0.5,
          );
        }
        expect(overlappingWords(words), `page ${i + 1}`).toEqual([]);
      });
    },
  );

  it('keeps long names, selectors and unbreakable tokens whole, wrapped rather than cut', () => {
    const text = withoutSpaces(compliance.rawPages.join(' '));
    for (const name of [
      LONG_POLICY,
      LONG_SELECTOR,
      LONG_TIER,
      LONG_RBAC_NAME,
      UNBREAKABLE_TOKEN,
      `allow-${UNBREAKABLE_TOKEN}`,
    ]) {
      expect(text.includes(withoutSpaces(name)), name).toBe(true);
    }
  });

  it('keeps non-ASCII names intact', () => {
    const text = compliance.pages.join(' ');
    for (const name of [
      NON_ASCII_TIER,
      NON_ASCII_ACTOR,
      'łukasz.wiśniewski@example.pl',
      'réseaux-de-confiance',
    ]) {
      expect(text.includes(name), name).toBe(true);
    }
    const raw = withoutSpaces(compliance.rawPages.join(' '));
    for (const name of [
      `${NON_ASCII_TIER}.journalisation-complète`,
      `${NON_ASCII_TIER}.autoriser-accès-base-de-données`,
    ]) {
      expect(raw.includes(name), name).toBe(true);
    }
  });

  it('states every threat with its status label', () => {
    const text = threatModel.pages.join(' ');
    for (const label of [
      'NOT MITIGATED',
      'PARTIAL',
      'MITIGATED',
      'NOT OBSERVABLE',
      'Lateral movement from a compromised pod to the payments database',
    ]) {
      expect(text.includes(label), label).toBe(true);
    }
  });

  it('waits for a slow output instead of buffering the document, and writes the same bytes', async () => {
    const model = syntheticComplianceModel({ changes: 3000 });
    const fast = await renderToBuffer(model);
    const chunks: Buffer[] = [];
    let mostBuffered = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        setTimeout(done, 1);
      },
    });
    const render = renderReportPdf(model, slow);
    const watch = setInterval(() => {
      mostBuffered = Math.max(mostBuffered, slow.writableLength);
    }, 1);
    await render.finally(() => clearInterval(watch));
    expect(fast.length).toBeGreaterThan(1024 * 1024);
    expect(mostBuffered).toBeLessThan(512 * 1024);
    expect(Buffer.concat(chunks).equals(fast)).toBe(true);
  }, 30_000);

  it.each([
    ['verified', true],
    ['broken', false],
  ])(
    'lays a draft out while its chain is verified and writes the completed report’s bytes (%s chain)',
    async (_name, verified) => {
      const model = syntheticComplianceModel({ verified, changes: 300 });
      const expected = await renderToBuffer(model);
      const { verified: ok, firstBrokenAt } = model.meta.ledger;
      const draft = draftOf(model);
      let settle: () => void = () => undefined;
      // Settled only once the body is well under way: the renderer must not wait for it earlier.
      let settledAt: number | undefined;
      let lastProgress = 0;
      const chainCheck = new Promise<{ verified: boolean; firstBrokenAt: number | null }>(
        (resolve) => {
          settle = () => resolve({ verified: ok, firstBrokenAt });
        },
      );
      const chunks: Buffer[] = [];
      const out = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      });
      const rendering = renderDraftPdf(draft, chainCheck, out, {
        onProgress: (done) => {
          lastProgress = done;
          if (done > 100 && settledAt === undefined) {
            settledAt = done;
            settle();
          }
        },
      });
      await rendering;
      expect(settledAt).toBeGreaterThan(100);
      expect(lastProgress).toBeGreaterThan(settledAt!);
      expect(Buffer.concat(chunks).equals(expected)).toBe(true);
      expect(squash(extractPageTexts(expected)[0] ?? '')).toContain(
        verified ? 'Hash chain verified' : 'did not verify',
      );
    },
  );

  it('fails the rendering when the chain check fails, leaving the output open', async () => {
    const model = syntheticComplianceModel({ changes: 30 });
    const out = new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    });
    await expect(
      renderDraftPdf(
        draftOf(model),
        Promise.reject(new Error('connection lost while verifying')),
        out,
      ),
    ).rejects.toThrow('connection lost while verifying');
    expect(out.writableEnded).toBe(false);
  });

  it('names the scope "All clusters" and shows each change’s cluster when the report spans clusters', async () => {
    const pages = extractPageTexts(
      await renderToBuffer(syntheticComplianceModel({ allClusters: true, changes: 30 })),
    ).map(squash);
    expect(pages[0]).toContain('Scope All clusters');
    const audit = pages[pageIndexOf(pages, '3.2 Every change in the period')] ?? '';
    expect(audit).toContain('cluster prod');
  });

  it('renders a period without changes', async () => {
    const pages = extractPageTexts(
      await renderToBuffer(syntheticComplianceModel({ changes: 0 })),
    ).map(squash);
    expect(pages[pageIndexOf(pages, '3.2 Every change in the period')]).toContain(
      'No changes in the period.',
    );
    expect(pages[pageIndexOf(pages, '1.2 Changes per day')]).toContain('No changes in the period.');
  });

  it('reports progress up to done = total and ends the output stream', async () => {
    const progress: [number, number][] = [];
    await renderToBuffer(syntheticComplianceModel({ changes: 60 }), {
      onProgress: (done, total) => progress.push([done, total]),
    });
    const [lastDone, total] = progress[progress.length - 1] ?? [0, 0];
    expect(lastDone).toBe(total);
    expect(progress.every(([done], i) => i === 0 || done >= (progress[i - 1]?.[0] ?? 0))).toBe(
      true,
    );
  });
});

/** The model as it is before its chain check: everything but verified and firstBrokenAt. */
function draftOf(model: ReportModel): ReportDraft {
  const ledger = { position: model.meta.ledger.position, hash: model.meta.ledger.hash };
  return 'compliance' in model
    ? { ...model, meta: { ...model.meta, ledger } }
    : { ...model, meta: { ...model.meta, ledger } };
}
