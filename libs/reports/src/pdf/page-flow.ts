import { deflateSync } from 'node:zlib';
import { ContentBuffer } from './content-buffer';
import type { GlyphFace } from './glyph-face';
import type { FaceName, ReportFaces } from './load-report-faces';
import { formatHundredths, formatPdfNumber, formatRgb, traceRoundedRect } from './pdf-operators';
import { MARGIN, PAGE, type TextStyle } from './report-theme';

export interface PageFlowOptions {
  doc: PDFKit.PDFDocument;
  faces: ReportFaces;
  waitForOutput?: () => Promise<void> | undefined;
}

/** The box of a badge: its label's lines and its size. */
export interface BadgeBox {
  lines: readonly string[];
  width: number;
  height: number;
}

/** A piece of a line in one style. */
export interface TextRun {
  style: TextStyle;
  text: string;
}

/**
 * A line drawn before its text is known (a page count, the page of a later chapter, the chain
 * check): a form XObject placed now, whose content `runs` gives once the document is laid out.
 */
interface PendingForm {
  name: string;
  form: PDFKit.PDFKitReference;
  runs: () => readonly TextRun[];
  /** The style whose line box the form is: its height and baseline. */
  lineStyle: TextStyle;
  width: number;
  align: 'left' | 'right';
}

const LINE_SPACING = 1.25;
/** Level 1 is several times faster than pdfkit's default level and costs ~10 % in file size. */
const DEFLATE_LEVEL = 1;

/**
 * The cursor of a report, in a single pass: the current page and y, page breaks, anchors for the
 * contents, and drawing. Every page goes to the output as soon as the next one starts, so memory
 * stays bounded. Numbers not known yet (page x "of y", the pages in the contents) are drawn as
 * form XObjects whose content is written once the last page is laid out.
 *
 * The flow writes a content stream of its own, appended to the page's /Contents and deflated
 * once per page, in three layers: fills and rules, then text (one text object per page), then
 * badges and deferred numbers. `paint` reaches pdfkit's vector API, whose stream comes first, so
 * whatever it paints lies beneath all three.
 */
export class PageFlow {
  page = 0;
  y: number = MARGIN.top;
  readonly anchors = new Map<string, number>();
  /** Draws the running header and footer of each body page. */
  decoratePage: (flow: PageFlow) => void = () => {};
  private readonly doc: PDFKit.PDFDocument;
  private readonly faces: ReportFaces;
  private readonly waitForOutput: () => Promise<void> | undefined;
  private readonly pending: PendingForm[] = [];
  private readonly sharedForms = new Map<string, PendingForm>();
  /** Set once the first page is reserved, to be laid out last (see reserveFirstPage). */
  private firstPageReserved = false;
  private readonly under = new ContentBuffer();
  private readonly textOps = new ContentBuffer();
  private readonly over = new ContentBuffer();
  private inText = false;
  /** Badge forms by layout (cached by the caller, so one object per label and width) and tone. */
  private readonly badges = new Map<
    BadgeBox,
    Map<string, { name: string; form: PDFKit.PDFKitReference }>
  >();
  private badgeCount = 0;
  /** Start of the current text line in hundredths of a point, for relative Td moves. */
  private lineX = 0;
  private lineY = 0;
  private textFace: GlyphFace | null = null;
  private textSize = 0;
  private textColour = '';
  private facesOnPage = new Set<GlyphFace>();
  private chapterOutline: PDFKit.PDFOutline | null = null;

  constructor(options: PageFlowOptions) {
    this.doc = options.doc;
    this.faces = options.faces;
    this.waitForOutput = options.waitForOutput ?? (() => undefined);
  }

  get top(): number {
    return MARGIN.top;
  }

  get bottom(): number {
    return PAGE.height - MARGIN.bottom;
  }

  get left(): number {
    return MARGIN.left;
  }

  get right(): number {
    return PAGE.width - MARGIN.right;
  }

  face(name: FaceName): GlyphFace {
    return this.faces[name];
  }

  lineHeight(style: TextStyle): number {
    return style.size * LINE_SPACING;
  }

  widthOf(style: TextStyle, text: string): number {
    return this.faces[style.face].widthOf(text, style.size);
  }

  /**
   * Keeps page 1 for later: the pages that follow are numbered from 2, and startFirstPage lays
   * page 1 out at the end and puts it first. For a page whose content is known last.
   */
  reserveFirstPage(): void {
    if (this.page !== 0) throw new Error('the first page can only be reserved before any page');
    this.page = 1;
    this.firstPageReserved = true;
  }

  /** Starts the reserved first page (undecorated), after every other page. */
  startFirstPage(): void {
    if (!this.firstPageReserved) throw new Error('no first page was reserved');
    this.firstPageReserved = false;
    this.finishPage();
    this.y = MARGIN.top;
    this.addPage();
    // The page tree is written when the document ends, so its order can still change.
    const pages = (this.doc as unknown as { _root: PageTreeRoot })._root.data.Pages.data.Kids;
    pages.unshift(pages.pop()!);
  }

  /** Starts a new page; body pages get the running header and footer. */
  startPage(decorated = true): void {
    this.finishPage();
    this.page++;
    this.y = MARGIN.top;
    this.addPage();
    if (decorated) this.decoratePage(this);
  }

  /**
   * A pdfkit page whose own stream is left uncompressed until something is painted on it: it
   * holds only the page's flip transform then, a few bytes that are not worth a deflate each.
   */
  private addPage(): void {
    this.doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    const stream = this.pdfkitStream();
    stream.compress = false;
    // pdfkit names the filter as it writes; the transform is written already.
    delete stream.data.Filter;
  }

  private pdfkitStream(): PdfkitPageStream {
    return (this.doc.page as unknown as { content: PdfkitPageStream }).content;
  }

  /** Breaks the page unless `height` more points fit. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom) this.startPage();
  }

  /** Lets the output drain: called between table rows. */
  async settle(): Promise<void> {
    const waiting = this.waitForOutput();
    if (waiting !== undefined) await waiting;
  }

  /** Records where a contents entry starts, as a link target and a bookmark. */
  markAnchor(anchor: string, bookmark: string, level: 1 | 2): void {
    this.anchors.set(anchor, this.page);
    this.doc.addNamedDestination(anchor, 'XYZ', null, this.y, null);
    if (level === 1) this.chapterOutline = this.doc.outline.addItem(bookmark);
    else (this.chapterOutline ?? this.doc.outline).addItem(bookmark);
  }

  /** One line of text whose line box starts at `top`. */
  text(style: TextStyle, x: number, top: number, line: string): void {
    if (line === '') return;
    const face = this.useFace(style.face);
    if (!this.inText) {
      this.textOps.push(`q 1 0 0 -1 0 ${formatPdfNumber(PAGE.height)} cm BT`);
      this.inText = true;
      this.textFace = null;
      this.textColour = '';
      this.lineX = 0;
      this.lineY = 0;
    }
    if (face !== this.textFace || style.size !== this.textSize) {
      this.textOps.push(`/${face.id} ${formatPdfNumber(style.size)} Tf`);
      this.textFace = face;
      this.textSize = style.size;
    }
    if (style.colour !== this.textColour) {
      this.textOps.push(`${formatRgb(style.colour)} rg`);
      this.textColour = style.colour;
    }
    const lineX = Math.round(x * 100);
    const lineY = Math.round((PAGE.height - (top + this.ascentOffset(style))) * 100);
    this.textOps.write(
      `${formatHundredths(lineX - this.lineX)} ${formatHundredths(lineY - this.lineY)} Td `,
    );
    this.lineX = lineX;
    this.lineY = lineY;
    this.textOps.writeGlyphs(face, line);
    this.textOps.push(' Tj');
  }

  /**
   * A label (one or more lines) in a filled, rounded box, always in `style` with the same padding.
   * Each distinct badge is drawn once, as a form XObject, and stamped wherever it recurs.
   */
  badge(
    x: number,
    top: number,
    layout: BadgeBox,
    tone: { fill: string; text: string },
    style: TextStyle,
    padX: number,
    padY: number,
  ): void {
    let byTone = this.badges.get(layout);
    if (byTone === undefined) {
      byTone = new Map();
      this.badges.set(layout, byTone);
    }
    const toneKey = `${tone.fill}${tone.text}`;
    let badge = byTone.get(toneKey);
    if (badge === undefined) {
      this.badgeCount++;
      badge = {
        name: `B${this.badgeCount}`,
        form: this.createBadgeForm(layout, tone, style, padX, padY),
      };
      byTone.set(toneKey, badge);
    }
    (this.doc.page.xobjects as Record<string, unknown>)[badge.name] = badge.form;
    this.over.push(
      `q 1 0 0 1 ${formatPdfNumber(x)} ${formatPdfNumber(top)} cm /${badge.name} Do Q`,
    );
  }

  /** The document's page count, drawn in a box `width` wide; its digits are written at the end. */
  pageCount(style: TextStyle, x: number, top: number, width: number): void {
    const key = `pageCount ${style.face} ${style.size} ${style.colour} ${width}`;
    this.lateLine(key, style, x, top, width, 'left', () => [{ style, text: String(this.page) }]);
  }

  /** The page an anchor lands on, right-aligned in a box `width` wide ending at `right`. */
  pageOf(anchor: string, style: TextStyle, right: number, top: number, width: number): void {
    this.placeForm(
      this.createPending(style, width, 'right', () => [
        { style, text: String(this.anchors.get(anchor) ?? '—') },
      ]),
      right - width,
      top,
    );
  }

  /**
   * A line whose text is known only once the document is laid out, in a box `width` wide and
   * `lineStyle`'s line high: `runs` is asked at the end. One form per `key`, however often it
   * is placed (a running footer's).
   */
  lateLine(
    key: string,
    lineStyle: TextStyle,
    x: number,
    top: number,
    width: number,
    align: 'left' | 'right',
    runs: () => readonly TextRun[],
  ): void {
    let pending = this.sharedForms.get(key);
    if (pending === undefined) {
      pending = this.createPending(lineStyle, width, align, runs);
      this.sharedForms.set(key, pending);
    }
    this.placeForm(pending, x, top);
  }

  /** A filled rectangle, beneath the page's text. */
  fillRect(x: number, top: number, width: number, height: number, colour: string): void {
    this.under.push(
      `q ${formatRgb(colour)} rg ${formatPdfNumber(x)} ${formatPdfNumber(top)} ${formatPdfNumber(width)} ${formatPdfNumber(height)} re f Q`,
    );
  }

  /** A horizontal rule from x1 to x2, beneath the page's text. */
  rule(x1: number, x2: number, y: number, width: number, colour: string): void {
    this.under.push(
      `q ${formatRgb(colour)} RG ${formatPdfNumber(width)} w ${formatPdfNumber(x1)} ${formatPdfNumber(y)} m ${formatPdfNumber(x2)} ${formatPdfNumber(y)} l S Q`,
    );
  }

  /** pdfkit's vector API, for drawings (the chart, the title band): painted beneath the flow's own content. */
  paint(draw: (doc: PDFKit.PDFDocument) => void): void {
    this.pdfkitStream().compress = true;
    draw(this.doc);
  }

  /** Completes the current page's content stream; called before a new page and at the end. */
  finishPage(): void {
    this.facesOnPage = new Set();
    if (this.inText) this.textOps.push('ET Q');
    this.inText = false;
    if (this.page === 0) return;
    const content = Buffer.concat([this.under.take(), this.textOps.take(), this.over.take()]);
    if (content.length === 0) return;
    const stream = this.doc.ref({ Filter: 'FlateDecode' });
    const page = this.doc.page.dictionary.data as { Contents?: unknown };
    page.Contents = [page.Contents, stream];
    // Synchronous on purpose: Node's async zlib costs several times the CPU for page-sized buffers.
    stream.end(deflateSync(content, { level: DEFLATE_LEVEL }));
  }

  /** Ends the last page and writes the lines drawn before they were known. */
  finish(): void {
    if (this.firstPageReserved) throw new Error('the reserved first page was never laid out');
    this.finishPage();
    for (const pending of this.pending) this.writeForm(pending);
  }

  private useFace(name: FaceName): GlyphFace {
    const face = this.faces[name];
    if (!this.facesOnPage.has(face)) {
      this.facesOnPage.add(face);
      (this.doc.page.fonts as Record<string, unknown>)[face.id] = face.reference();
    }
    return face;
  }

  private ascentOffset(style: TextStyle): number {
    const face = this.faces[style.face];
    const leading = (this.lineHeight(style) - (face.ascent + face.descent) * style.size) / 2;
    return leading + face.ascent * style.size;
  }

  private createBadgeForm(
    layout: BadgeBox,
    tone: { fill: string; text: string },
    style: TextStyle,
    padX: number,
    padY: number,
  ): PDFKit.PDFKitReference {
    const face = this.faces[style.face];
    const { width, height } = layout;
    const form = this.doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, width, height],
      // Flips the form's upward y into the page's downward y, so it is placed by its top-left corner.
      Matrix: [1, 0, 0, -1, 0, height],
      Resources: { Font: { [face.id]: face.reference() } },
    });
    const content = new ContentBuffer();
    content.push(`${formatRgb(tone.fill)} rg ${traceRoundedRect(0, 0, width, height, 2)} f`);
    content.push(
      `BT /${face.id} ${formatPdfNumber(style.size)} Tf ${formatRgb(tone.text)} rg ${formatPdfNumber(this.lineHeight(style))} TL`,
    );
    layout.lines.forEach((line, i) => {
      const first =
        i === 0
          ? `${formatPdfNumber(padX)} ${formatPdfNumber(height - padY - this.ascentOffset(style))} Td `
          : 'T* ';
      content.write(first);
      content.writeGlyphs(face, line);
      content.push(' Tj');
    });
    content.push('ET');
    form.end(content.take());
    return form;
  }

  private createPending(
    lineStyle: TextStyle,
    width: number,
    align: 'left' | 'right',
    runs: () => readonly TextRun[],
  ): PendingForm {
    // Its resources are set when its content is written: only then are its fonts known.
    const form = this.doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, width, this.lineHeight(lineStyle)],
    });
    const pending = { name: `N${this.pending.length + 1}`, form, runs, lineStyle, width, align };
    this.pending.push(pending);
    return pending;
  }

  private placeForm(pending: PendingForm, x: number, top: number): void {
    (this.doc.page.xobjects as Record<string, unknown>)[pending.name] = pending.form;
    const bottom = PAGE.height - top - this.lineHeight(pending.lineStyle);
    this.over.push(
      `q 1 0 0 -1 0 ${formatPdfNumber(PAGE.height)} cm 1 0 0 1 ${formatPdfNumber(x)} ${formatPdfNumber(bottom)} cm /${pending.name} Do Q`,
    );
  }

  private writeForm(pending: PendingForm): void {
    const runs = pending.runs();
    const width = runs.reduce((sum, run) => sum + this.widthOf(run.style, run.text), 0);
    const dx = pending.align === 'right' ? pending.width - width : 0;
    const baseline = this.lineHeight(pending.lineStyle) - this.ascentOffset(pending.lineStyle);
    const fonts: Record<string, unknown> = {};
    for (const run of runs) {
      const face = this.faces[run.style.face];
      fonts[face.id] = face.reference();
    }
    (pending.form.data as { Resources?: unknown }).Resources = { Font: fonts };
    const content = new ContentBuffer();
    content.write(`BT 1 0 0 1 ${formatPdfNumber(dx)} ${formatPdfNumber(baseline)} Tm`);
    // Each run's glyphs advance the text position: the next run starts where this one ends.
    for (const run of runs) {
      const face = this.faces[run.style.face];
      content.write(
        ` /${face.id} ${formatPdfNumber(run.style.size)} Tf ${formatRgb(run.style.colour)} rg `,
      );
      content.writeGlyphs(face, run.text);
      content.write(' Tj');
    }
    content.push(' ET');
    pending.form.end(content.take());
  }
}

/** A page's own pdfkit stream: pdfkit deflates it when it ends (and names the filter) if `compress`. */
interface PdfkitPageStream {
  compress: boolean;
  data: { Filter?: string };
}

/** The part of pdfkit's document catalogue startFirstPage reorders. */
interface PageTreeRoot {
  data: { Pages: { data: { Kids: unknown[] } } };
}
