import { type BadgeLayout, type BadgeSpec, drawBadge, layoutBadge } from './draw-badge';
import type { PageFlow } from './page-flow';
import { INK, TEXT, type TextStyle } from './report-theme';
import { wrapText } from './wrap-text';

export interface StyledText {
  text: string;
  style?: TextStyle;
  bullet?: boolean;
}

export type CellPart = string | StyledText | BadgeSpec;
export type Cell = CellPart | readonly CellPart[];

export interface TableColumn<T> {
  header: string;
  /** Share of the table's width; the table always spans the text column. */
  weight: number;
  align?: 'left' | 'right';
  cell: (row: T) => Cell;
}

export interface TableSpec<T> {
  /** Above the header row on continuation pages, with "(continued)", and on a page the table was moved to. */
  caption: string;
  columns: readonly TableColumn<T>[];
  /** Shown in a single row when there are no rows. */
  empty?: string;
}

type LaidLine =
  | { kind: 'text'; text: string; style: TextStyle; dx: number; height: number; marker?: string }
  | { kind: 'badge'; badge: BadgeSpec; layout: BadgeLayout; dx: number; height: number };

interface ColumnBox {
  x: number;
  width: number;
  align: 'left' | 'right';
}

const PAD_X = 3.5;
const PAD_Y = 2.6;
const BULLET_INDENT = 7;
const BADGE_GAP = 1.5;
/** A row taller than a page is split, but never into a first slice shorter than this. */
const MIN_SLICE = 36;
/** A table from an array no taller than this share of a page starts on a new page rather than split. */
const KEEP_TOGETHER = 0.45;

export interface TableOptions {
  /** A heading kept on the same page as the table's start. */
  heading?: { text: string; style: TextStyle };
  /** Called after each row: progress over streamed tables. */
  onRow?: () => void;
}

/**
 * Writes a table that streams its rows: the header row repeats on every page the table runs
 * onto, cells wrap inside their column, and a row taller than a page continues on the next. A
 * short table given as an array is kept on one page.
 */
export async function writeTable<T>(
  flow: PageFlow,
  spec: TableSpec<T>,
  rows: readonly T[] | AsyncIterable<T>,
  options: TableOptions = {},
): Promise<number> {
  const table = prepareTable(flow, spec);
  const laid = isArray(rows) ? rows.map((row) => layoutRow(table, row)) : null;
  startTable(table, options.heading, laid);
  let count = 0;
  if (laid !== null) for (const cells of laid) writeRow(table, cells, count++);
  else {
    for await (const row of rows as AsyncIterable<T>) {
      writeRow(table, layoutRow(table, row), count++);
      options.onRow?.();
      await flow.settle();
    }
  }
  if (count === 0) writeEmptyRow(table);
  flow.y += 8;
  return count;
}

function isArray<T>(rows: readonly T[] | AsyncIterable<T>): rows is readonly T[] {
  return Array.isArray(rows);
}

function prepareTable<T>(flow: PageFlow, spec: TableSpec<T>): TableState<T> {
  const boxes = layoutColumns(flow, spec.columns);
  const header = spec.columns.map((column, i) =>
    layoutCell(flow, column.header, boxes[i]!, TEXT.tableHeader),
  );
  const continuedHeight = flow.lineHeight(TEXT.caption) + 2;
  return { flow, spec, boxes, header, headerHeight: rowHeightOf(header), continuedHeight };
}

function layoutRow<T>(table: TableState<T>, row: T): LaidLine[][] {
  return table.spec.columns.map((column, i) =>
    layoutCell(table.flow, column.cell(row), table.boxes[i]!, TEXT.cell),
  );
}

/** The heading and header row, on a page with room for the whole table when it is short. */
function startTable<T>(
  table: TableState<T>,
  heading: TableOptions['heading'],
  laid: readonly LaidLine[][][] | null,
): void {
  const { flow } = table;
  const headingLines =
    heading === undefined
      ? []
      : wrapText(
          heading.text,
          flow.right - flow.left,
          flow.face(heading.style.face),
          heading.style.size,
        );
  const headingHeight =
    heading === undefined ? 0 : headingLines.length * flow.lineHeight(heading.style) + 4;
  const wholeHeight =
    laid === null
      ? Number.POSITIVE_INFINITY
      : laid.reduce((sum, cells) => sum + rowHeightOf(cells), 0);
  const keepTogether = wholeHeight <= (flow.bottom - flow.top) * KEEP_TOGETHER;
  const page = flow.page;
  flow.ensureSpace(headingHeight + table.headerHeight + (keepTogether ? wholeHeight : MIN_SLICE));
  if (heading === undefined && flow.page !== page) {
    // Moved away from whatever introduced it: the caption says what the table is.
    flow.text(TEXT.caption, flow.left, flow.y, table.spec.caption);
    flow.y += table.continuedHeight;
  }
  if (heading !== undefined) {
    for (const line of headingLines) {
      flow.text(heading.style, flow.left, flow.y, line);
      flow.y += flow.lineHeight(heading.style);
    }
    flow.y += 4;
  }
  drawHeader(table);
}

function writeEmptyRow<T>(table: TableState<T>): void {
  const span = spanOf(table.boxes);
  const empty = { text: table.spec.empty ?? 'None.', style: TEXT.cellMuted };
  writeRow(table, [layoutCell(table.flow, empty, span, TEXT.cell)], 0, [span]);
}

interface TableState<T> {
  flow: PageFlow;
  spec: TableSpec<T>;
  boxes: ColumnBox[];
  header: LaidLine[][];
  headerHeight: number;
  continuedHeight: number;
}

function layoutColumns<T>(flow: PageFlow, columns: readonly TableColumn<T>[]): ColumnBox[] {
  const total = columns.reduce((sum, column) => sum + column.weight, 0);
  const width = flow.right - flow.left;
  let x = flow.left;
  return columns.map((column) => {
    const box = { x, width: (column.weight / total) * width, align: column.align ?? 'left' };
    x += box.width;
    return box;
  });
}

function spanOf(boxes: readonly ColumnBox[]): ColumnBox {
  const first = boxes[0]!;
  const last = boxes[boxes.length - 1]!;
  return { x: first.x, width: last.x + last.width - first.x, align: 'left' };
}

function layoutCell(flow: PageFlow, cell: Cell, box: ColumnBox, base: TextStyle): LaidLine[] {
  const parts: readonly CellPart[] = Array.isArray(cell) ? cell : [cell as CellPart];
  const inner = box.width - 2 * PAD_X;
  const lines: LaidLine[] = [];
  for (const part of parts) {
    if (typeof part === 'object' && 'badge' in part) {
      const layout = layoutBadge(flow, part.badge, inner);
      const dx = box.align === 'right' ? inner - layout.width : 0;
      lines.push({ kind: 'badge', badge: part, layout, dx, height: layout.height + BADGE_GAP });
    } else {
      layoutText(
        flow,
        typeof part === 'string' ? { text: part } : part,
        base,
        box.align,
        inner,
        lines,
      );
    }
  }
  return lines;
}

function layoutText(
  flow: PageFlow,
  part: StyledText,
  base: TextStyle,
  align: ColumnBox['align'],
  inner: number,
  lines: LaidLine[],
): void {
  const style = part.style ?? base;
  const indent = part.bullet ? BULLET_INDENT : 0;
  const height = flow.lineHeight(style);
  wrapText(part.text, inner - indent, flow.face(style.face), style.size).forEach((text, i) => {
    const dx = align === 'right' ? inner - flow.widthOf(style, text) : indent;
    const line: LaidLine = { kind: 'text', text, style, dx, height };
    if (indent > 0 && i === 0) line.marker = '•';
    lines.push(line);
  });
}

function contentHeight(lines: readonly LaidLine[]): number {
  let height = 0;
  for (const line of lines) height += line.height;
  return height;
}

function rowHeightOf(cells: readonly LaidLine[][]): number {
  let height = 0;
  for (const cell of cells) height = Math.max(height, contentHeight(cell));
  return height + 2 * PAD_Y;
}

function writeRow<T>(
  table: TableState<T>,
  cells: LaidLine[][],
  index: number,
  boxes = table.boxes,
): void {
  const { flow } = table;
  const height = rowHeightOf(cells);
  const pageRoom = flow.bottom - flow.top - table.continuedHeight - table.headerHeight;
  if (height > flow.bottom - flow.y && (height <= pageRoom || flow.bottom - flow.y < MIN_SLICE)) {
    flow.startPage();
    drawContinuation(table);
  }
  if (height <= flow.bottom - flow.y) drawRow(table, cells, boxes, index, height);
  else writeSplitRow(table, cells, index, boxes);
}

/** A row taller than the room left: as many lines as fit, then the rest on the next pages. */
function writeSplitRow<T>(
  table: TableState<T>,
  cells: LaidLine[][],
  index: number,
  boxes: readonly ColumnBox[],
): void {
  const { flow } = table;
  let rest = cells;
  while (rest.some((cell) => cell.length > 0)) {
    const room = flow.bottom - flow.y - 2 * PAD_Y;
    const slice = rest.map((cell) => takeLines(cell, room));
    drawRow(table, slice, boxes, index, rowHeightOf(slice));
    rest = rest.map((cell, i) => cell.slice(slice[i]!.length));
    if (rest.some((cell) => cell.length > 0)) {
      flow.startPage();
      drawContinuation(table);
    }
  }
}

function takeLines(cell: readonly LaidLine[], room: number): LaidLine[] {
  let used = 0;
  let count = 0;
  while (count < cell.length && used + cell[count]!.height <= room) {
    used += cell[count]!.height;
    count++;
  }
  return cell.slice(0, Math.max(count, Math.min(1, cell.length)));
}

function drawContinuation<T>(table: TableState<T>): void {
  const { flow } = table;
  flow.text(TEXT.caption, flow.left, flow.y, `${table.spec.caption} (continued)`);
  flow.y += table.continuedHeight;
  drawHeader(table);
}

function drawHeader<T>(table: TableState<T>): void {
  const { flow, headerHeight } = table;
  const top = flow.y;
  flow.fillRect(flow.left, top, flow.right - flow.left, headerHeight, INK.headerFill);
  drawCells(flow, table.header, table.boxes, top);
  flow.rule(flow.left, flow.right, top + headerHeight, 0.8, INK.muted);
  flow.y += headerHeight;
}

function drawRow<T>(
  table: TableState<T>,
  cells: LaidLine[][],
  boxes: readonly ColumnBox[],
  index: number,
  height: number,
): void {
  const { flow } = table;
  const top = flow.y;
  if (index % 2 === 1) flow.fillRect(flow.left, top, flow.right - flow.left, height, INK.zebra);
  drawCells(flow, cells, boxes, top);
  flow.rule(flow.left, flow.right, top + height, 0.3, INK.rule);
  flow.y += height;
}

function drawCells(
  flow: PageFlow,
  cells: readonly LaidLine[][],
  boxes: readonly ColumnBox[],
  top: number,
): void {
  for (let i = 0; i < cells.length; i++) drawCellLines(flow, cells[i]!, boxes[i]!, top);
}

function drawCellLines(
  flow: PageFlow,
  lines: readonly LaidLine[],
  box: ColumnBox,
  top: number,
): void {
  let y = top + PAD_Y;
  const x = box.x + PAD_X;
  for (const line of lines) {
    if (line.kind === 'badge') drawBadge(flow, x + line.dx, y, line.badge, line.layout);
    else {
      if (line.marker !== undefined) flow.text(line.style, x, y, line.marker);
      flow.text(line.style, x + line.dx, y, line.text);
    }
    y += line.height;
  }
}
