import type { PageFlow } from './page-flow';
import { INK, TEXT, type TextStyle } from './report-theme';
import { wrapText } from './wrap-text';
import { type OutlineEntry, writeBullets, writeSubheading } from './write-blocks';

const NUMBER_WIDTH = { 1: 22, 2: 30 } as const;
const INDENT = { 1: 0, 2: 22 } as const;
const PAGE_WIDTH = 30;

/** The table of contents with the page each entry starts on, known from the measuring pass. */
export function writeContents(flow: PageFlow, entries: readonly OutlineEntry[]): void {
  flow.startPage();
  flow.markAnchor('contents', 'Contents', 1);
  flow.text(TEXT.chapter, flow.left, flow.y, 'Contents');
  flow.y += flow.lineHeight(TEXT.chapter) + 14;
  for (const entry of entries) writeEntry(flow, entry);
  flow.y += 18;
  writeSubheading(flow, 'Reading this report', 60, TEXT.heading);
  writeBullets(flow, [
    'Times are UTC. The period is a half-open interval: it includes its start and excludes its end.',
    'Severities and statuses are labels with their name written in them (CRITICAL, HIGH, MEDIUM, LOW, INFO), so they read the same printed in greyscale.',
    'Every finding, change and threat points to the audit ids and ledger positions behind it in the evidence appendix.',
    'Page numbers are the PDF’s own page numbers; the title page is page 1.',
  ]);
}

function writeEntry(flow: PageFlow, entry: OutlineEntry): void {
  const style: TextStyle = entry.level === 1 ? { ...TEXT.bodyBold, size: 10 } : TEXT.body;
  const height = flow.lineHeight(style);
  const titleLeft = flow.left + INDENT[entry.level] + NUMBER_WIDTH[entry.level];
  const lines = wrapText(
    entry.title,
    flow.right - PAGE_WIDTH - 12 - titleLeft,
    flow.face(style.face),
    style.size,
  );
  if (entry.level === 1) flow.y += 5;
  flow.ensureSpace(lines.length * height);
  const top = flow.y;
  flow.text(style, flow.left + INDENT[entry.level], top, entry.number);
  lines.forEach((line, i) => {
    flow.text(style, titleLeft, top + i * height, line);
  });
  flow.y += lines.length * height + 1.5;
  const lastTop = top + (lines.length - 1) * height;
  flow.pageOf(entry.anchor, style, flow.right, lastTop, PAGE_WIDTH);
  const leaderStart = titleLeft + flow.widthOf(style, lines[lines.length - 1] ?? '') + 6;
  const leaderEnd = flow.right - flow.widthOf(style, '0000') - 4;
  const leaderY = lastTop + height * 0.72;
  flow.paint((doc) => {
    if (leaderEnd > leaderStart) {
      doc
        .moveTo(leaderStart, leaderY)
        .lineTo(leaderEnd, leaderY)
        .dash(0.6, { space: 2.4 })
        .lineWidth(0.7)
        .strokeColor(INK.faint)
        .stroke()
        .undash();
    }
    doc.goTo(flow.left, top, flow.right - flow.left, lines.length * height, entry.anchor);
  });
}
