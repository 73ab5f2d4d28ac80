import type { PageFlow } from './page-flow';
import { INK, TEXT, type TextStyle } from './report-theme';
import { wrapText } from './wrap-text';

/** An entry of the table of contents: a chapter or one of its sections. */
export interface OutlineEntry {
  anchor: string;
  number: string;
  title: string;
  level: 1 | 2;
}

/** Starts a chapter on a new page, with its number and title. */
export function writeChapterTitle(flow: PageFlow, entry: OutlineEntry): void {
  flow.startPage();
  flow.markAnchor(entry.anchor, `${entry.number} ${entry.title}`, 1);
  const numberWidth = flow.widthOf(TEXT.chapterNumber, entry.number) + 10;
  flow.text(TEXT.chapterNumber, flow.left, flow.y, entry.number);
  const lines = wrapText(
    entry.title,
    flow.right - flow.left - numberWidth,
    flow.face(TEXT.chapter.face),
    TEXT.chapter.size,
  );
  for (const line of lines) {
    flow.text(TEXT.chapter, flow.left + numberWidth, flow.y, line);
    flow.y += flow.lineHeight(TEXT.chapter);
  }
  flow.rule(flow.left, flow.right, flow.y + 3, 1.2, INK.accent);
  flow.y += 14;
}

/** A numbered section heading, kept with at least `keepWithNext` points of what follows. */
export function writeSectionHeading(flow: PageFlow, entry: OutlineEntry, keepWithNext = 70): void {
  const height = flow.lineHeight(TEXT.heading) + 4;
  if (flow.y > flow.top + 1) flow.y += 6;
  flow.ensureSpace(height + keepWithNext);
  flow.markAnchor(entry.anchor, `${entry.number} ${entry.title}`, 2);
  writeLines(flow, TEXT.heading, `${entry.number}  ${entry.title}`);
  flow.y += 4;
}

/** An unnumbered heading inside a section (a tier's name, a sub-table's title). */
export function writeSubheading(
  flow: PageFlow,
  text: string,
  keepWithNext = 50,
  style: TextStyle = TEXT.subheading,
): void {
  if (flow.y > flow.top + 1) flow.y += 4;
  flow.ensureSpace(flow.lineHeight(style) + keepWithNext);
  writeLines(flow, style, text);
  flow.y += 2;
}

/** Wrapped text across the text column, breaking pages between lines. */
export function writeLines(flow: PageFlow, style: TextStyle, text: string, indent = 0): void {
  const height = flow.lineHeight(style);
  for (const line of wrapText(
    text,
    flow.right - flow.left - indent,
    flow.face(style.face),
    style.size,
  )) {
    flow.ensureSpace(height);
    flow.text(style, flow.left + indent, flow.y, line);
    flow.y += height;
  }
}

export function writeParagraph(flow: PageFlow, text: string, style: TextStyle = TEXT.body): void {
  writeLines(flow, style, text);
  flow.y += style.size * 0.6;
}

export function writeBullets(
  flow: PageFlow,
  items: readonly string[],
  style: TextStyle = TEXT.body,
): void {
  for (const item of items) {
    flow.ensureSpace(flow.lineHeight(style));
    flow.text(style, flow.left + 4, flow.y, '•');
    writeLines(flow, style, item, 14);
  }
  flow.y += style.size * 0.6;
}
