import type { ReportMeta } from '../report-model';
import { formatCount, formatPeriodCompact } from './format-report-values';
import type { PageFlow } from './page-flow';
import { INK, PAGE, TEXT, type TextStyle } from './report-theme';

const HEADER_TOP = 30;
const HEADER_RULE = 47;
const FOOTER_RULE = PAGE.height - 44;
const PAGE_COUNT_WIDTH = 40;

/**
 * The running header and footer of body pages: title, report id, period, "Page x of y" and the
 * chain status. Everything but the page number is laid out once.
 */
export function createPageDecorator(flow: PageFlow, meta: ReportMeta): (flow: PageFlow) => void {
  const period = `${meta.id}  ·  period ${formatPeriodCompact(meta.scope)}`;
  const periodX = flow.right - flow.widthOf(TEXT.running, period);
  const title = fitLine(flow, TEXT.runningBold, meta.title, periodX - flow.left - 18);
  const status = meta.ledger.verified ? 'hash chain verified' : 'HASH CHAIN NOT VERIFIED';
  const statusStyle: TextStyle = {
    ...TEXT.runningBold,
    colour: meta.ledger.verified ? INK.ok : INK.warning,
  };
  const statusX = flow.right - flow.widthOf(statusStyle, status);
  const anchor = `Policy Ledger · computed at ledger position ${formatCount(meta.ledger.position)} · `;
  const anchorX = statusX - flow.widthOf(TEXT.running, anchor);
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
    page.text(TEXT.running, anchorX, footerTop, anchor);
    page.text(statusStyle, statusX, footerTop, status);
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
