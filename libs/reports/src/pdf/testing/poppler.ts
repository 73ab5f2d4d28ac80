import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Runs a poppler tool on the PDF bytes (written to a temporary file) and returns its stdout. */
function withPdfFile<T>(pdf: Uint8Array, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'policy-ledger-pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdftotext's pages, in order (split on form feeds), with -layout when asked. */
export function extractPageTexts(
  pdf: Uint8Array,
  options: { layout?: boolean; raw?: boolean } = {},
): string[] {
  const mode = options.layout ? ['-layout'] : options.raw ? ['-raw'] : [];
  const text = withPdfFile(pdf, (file) =>
    execFileSync('pdftotext', [...mode, '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }),
  );
  const pages = text.split('\f');
  if (pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages;
}

/** pdfinfo's fields: "Title", "Creator", "CreationDate", "Pages"… */
export function readPdfInfo(pdf: Uint8Array): Record<string, string> {
  const out = withPdfFile(pdf, (file) =>
    execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }),
  );
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined) info[match[1]] = match[2] ?? '';
  }
  return info;
}

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
}

/** pdffonts' table: every font the document uses and whether it is embedded. */
export function listPdfFonts(pdf: Uint8Array): PdfFontRow[] {
  const out = withPdfFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      const [name = '', ...rest] = columns;
      const yesNo = rest.filter((c) => c === 'yes' || c === 'no');
      return { name, type: rest.slice(0, 2).join(' '), embedded: yesNo[0] === 'yes' };
    });
}

/** pdftoppm's PNG of each requested page (1-based), at `dpi`. */
export function renderPagePngs(
  pdf: Uint8Array,
  pages: readonly number[],
  dpi: number,
): Map<number, Buffer> {
  return withPdfFile(pdf, (file, dir) => {
    const images = new Map<number, Buffer>();
    for (const page of pages) {
      const prefix = path.join(dir, `page-${page}`);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        String(dpi),
        '-f',
        String(page),
        '-l',
        String(page),
        file,
        prefix,
      ]);
      const produced = readdirSync(dir).find(
        (name) => name.startsWith(`page-${page}-`) && name.endsWith('.png'),
      );
      if (produced === undefined) throw new Error(`pdftoppm wrote no image for page ${page}`);
      images.set(page, readFileSync(path.join(dir, produced)));
    }
    return images;
  });
}

export interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word pdftotext finds, page by page, with its bounding box in points from the top left. */
export function extractWordBoxes(pdf: Uint8Array): WordBox[][] {
  const html = withPdfFile(pdf, (file) =>
    execFileSync('pdftotext', ['-bbox', file, '-'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }),
  );
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((match) => ({
        text: match[5] ?? '',
        xMin: Number(match[1]),
        yMin: Number(match[2]),
        xMax: Number(match[3]),
        yMax: Number(match[4]),
      })),
    );
}
