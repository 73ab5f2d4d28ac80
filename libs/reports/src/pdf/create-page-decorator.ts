import type { ChainCheck, LedgerHead, ReportMeta } from '../report-model';
import { formatCount, formatPeriodCompact } from './format-report-values';
import type { PageFlow, TextRun } from './page-flow';
import { INK, PAGE, TEXT, type TextStyle } from './report-theme';

const HEADER_TOP = 30;
const HEADER_RULE = 47;
const FOOTER_RULE = PAGE.height - 44;
const PAGE_COUNT_WIDTH = 40;

const VERIFIED: TextRun = {
  text: 'hash chain verified',
  style: { ...TEXT.runningBold, colour: INK.ok },
};
const NOT_VERIFIED: TextRun = {
  text: 'HASH CHAIN NOT VERIFIED',
  style: { ...TEXT.runningBold, colour: INK.warning },
};

/**
 * The running header and footer of body pages: title, report id, period, "Page x of y" and the
 * chain status. Everything but the page number and the chain status is laid out once; those two
 * are written when the document ends (`chainCheck` is asked then: the chain may still be
 * verifying while the pages are laid out).
 */
export function createPageDecorator(
  flow: PageFlow,
  meta: ReportMeta<LedgerHead>,
  chainCheck: () => ChainCheck,
): (flow: PageFlow) => void {
  const period = `${meta.id}  ·  period ${formatPeriodCompact(meta.scope)}`;
  const periodX = flow.right - flow.widthOf(TEXT.running, period);
  const title = fitLine(flow, TEXT.runningBold, meta.title, periodX - flow.left - 18);
  const anchor: TextRun = {
    text: `Policy Ledger · computed at ledger position ${formatCount(meta.ledger.position)} · `,
    style: TEXT.running,
  };
  const statusWidth =
    flow.widthOf(anchor.style, anchor.text) +
    Math.max(...[VERIFIED, NOT_VERIFIED].map((run) => flow.widthOf(run.style, run.text)));
  const status = (): TextRun[] => [anchor, chainCheck().verified ? VERIFIED : NOT_VERIFIED];
  const footerTop = FOOTER_RULE + 6;
  return (page) => {
    page.text(TEXT.runningBold, page.left, HEADER_TOP, title);
    page.text(TEXT.running, periodX, HEADER_TOP, period);
    page.rule(page.left, page.right, HEADER_RULE, 0.5, INK.rule);
    const pageOf = `Page ${page.page} of `;
    page.text(TEXT.runningBold, page.left, footerTop, pageOf);
    page.pageCount(
      TEXT.runningBold,
      page.left + page.widthOf(TEXT.runningBold, pageOf),
      footerTop,
      PAGE_COUNT_WIDTH,
    );
    page.lateLine(
      'chain status',
      TEXT.running,
      page.right - statusWidth,
      footerTop,
      statusWidth,
      'right',
      status,
    );
    page.rule(page.left, page.right, FOOTER_RULE, 0.5, INK.rule);
  };
}

/** The text, cut with an ellipsis if it is wider than `width`: for running headers only. */
export function fitLine(flow: PageFlow, style: TextStyle, text: string, width: number): string {
  if (flow.widthOf(style, text) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && flow.widthOf(style, `${chars.join('')}…`) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
