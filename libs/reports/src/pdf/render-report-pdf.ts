import PDFDocument from 'pdfkit';
import {
  type ChainCheck,
  completeReport,
  type LedgerHead,
  type ReportDraft,
  type ReportMeta,
  type ReportModel,
} from '../report-model';
import { planReportChapters } from './chapters/plan-report-chapters';
import { createPageDecorator } from './create-page-decorator';
import { formatPeriod, formatReportType, formatScope } from './format-report-values';
import { loadReportFaces, resolveFontFile } from './load-report-faces';
import { PageFlow } from './page-flow';
import { pipeDocumentOutput } from './pipe-document-output';
import type { ReportChapter } from './report-chapter';
import { writeContents } from './write-contents';
import { writeTitlePage } from './write-title-page';

export interface RenderReportPdfOptions {
  /** Called as the work advances; `done` reaches `total` when the PDF has been written. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Renders a report into `out` as a PDF and ends `out`. The same model always gives the same bytes.
 * One pass: every page goes to `out` as soon as the next one starts, so memory stays bounded
 * however many changes the period holds; the page count ("page x of y") and the contents' page
 * numbers are form XObjects filled in after the last page. On failure `out` is left open for the
 * caller to destroy.
 */
export function renderReportPdf(
  model: ReportModel,
  out: NodeJS.WritableStream,
  options: RenderReportPdfOptions = {},
): Promise<void> {
  return renderDraftPdf(model, Promise.resolve(model.meta.ledger), out, options);
}

/**
 * Renders a draft while its hash chain is being verified: every page but the title page is laid
 * out meanwhile; the title page (laid out last, placed first) and the chain status in the running
 * footer state `chainCheck` once it settles. The bytes are those of renderReportPdf for the
 * completed report. If `chainCheck` rejects, so does the rendering.
 */
export async function renderDraftPdf(
  draft: ReportDraft,
  chainCheck: Promise<ChainCheck>,
  out: NodeJS.WritableStream,
  options: RenderReportPdfOptions = {},
): Promise<void> {
  // Awaited once the body is laid out; a failure meanwhile must not go unhandled.
  chainCheck.catch(() => undefined);
  let check: ChainCheck | undefined;
  const doc = createReportDocument(draft.meta);
  const faces = loadReportFaces(doc);
  const chapters = planReportChapters(draft);
  const progress = trackProgress(chapters, options.onProgress);
  const output = pipeDocumentOutput(doc, out);
  const flow = new PageFlow({ doc, faces, waitForOutput: output.waitForOutput });
  flow.decoratePage = createPageDecorator(flow, draft.meta, () => check!);
  flow.reserveFirstPage();
  writeContents(
    flow,
    chapters.flatMap((chapter) => [chapter.entry, ...chapter.sections]),
  );
  for (const chapter of chapters) await chapter.write(flow, progress.tick);
  check = await chainCheck;
  flow.startFirstPage();
  writeTitlePage(flow, completeReport(draft, check).meta);
  flow.finish();
  doc.end();
  await output.finished;
  progress.finish();
}

/** A pdfkit document whose metadata, and so whose /ID, derive from the model alone. */
function createReportDocument(meta: ReportMeta<LedgerHead>): PDFKit.PDFDocument {
  const generatedAt = new Date(Date.parse(meta.generatedAt));
  if (Number.isNaN(generatedAt.getTime()))
    throw new Error(
      `report ${meta.id}: generatedAt is not an RFC 3339 time: "${meta.generatedAt}"`,
    );
  return new PDFDocument({
    autoFirstPage: false,
    bufferPages: false,
    size: 'A4',
    margin: 0,
    font: resolveFontFile('sans'),
    pdfVersion: '1.7',
    lang: 'en',
    displayTitle: true,
    info: {
      Title: meta.title,
      Subject: `${formatReportType(meta.type)} for ${formatScope(meta.scope)}, period ${formatPeriod(meta.scope)}`,
      Author: 'Policy Ledger',
      Creator: 'Policy Ledger',
      Producer: `${meta.generator.name} ${meta.generator.version} (PDFKit)`,
      Keywords: [
        'Policy Ledger',
        meta.type,
        meta.id,
        meta.scope.cluster ?? 'all clusters',
        'Calico',
        'Kubernetes RBAC',
        'audit',
      ].join(', '),
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
}

const PROGRESS_STEPS = 200;

function trackProgress(
  chapters: readonly ReportChapter[],
  onProgress?: (done: number, total: number) => void,
) {
  const total = chapters.reduce((sum, chapter) => sum + 1 + chapter.streamedRows, 0);
  const step = Math.max(1, Math.floor(total / PROGRESS_STEPS));
  let done = 0;
  return {
    tick: () => {
      done = Math.min(total, done + 1);
      if (done % step === 0 && done < total) onProgress?.(done, total);
    },
    finish: () => onProgress?.(total, total),
  };
}
