/** The parts of fontkit's glyph and font objects the renderer reads. */
interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  glyphForCodePoint(codePoint: number): FontkitGlyph;
}

/** pdfkit's EmbeddedFont (internal in pdfkit 0.20): the subset, widths and ToUnicode it embeds at doc.end(). */
export interface PdfkitEmbeddedFont {
  id: string;
  font: FontkitFont;
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

const DIRECT_RANGE = 0x3000;
const BACKSLASH = 0x5c;

/** Bytes that cannot appear bare in a PDF literal string: parentheses, backslash, line ends. */
const ESCAPED = new Uint8Array(256);
for (const byte of [0x28, 0x29, BACKSLASH, 0x0a, 0x0d]) ESCAPED[byte] = 1;

/**
 * One embedded font, measured and encoded glyph by glyph. pdfkit's public text path shapes every
 * word with fontkit and caches each distinct word for the document's life: about 230 µs per table
 * row and unbounded memory over 100,000 rows of unique ids. Tables need neither kerning nor
 * ligatures, so this maps code points to glyphs directly and feeds pdfkit's own subset, /W widths
 * and ToUnicode map, which pdfkit embeds as usual.
 */
export class GlyphFace {
  readonly id: string;
  /** Ascent and descent as fractions of the font size. */
  readonly ascent: number;
  readonly descent: number;
  private readonly advances = new Float64Array(DIRECT_RANGE).fill(-1);
  private readonly otherAdvances = new Map<number, number>();
  /** Subset glyph id + 1 of each code point below DIRECT_RANGE, 0 while unknown. */
  private readonly subsetIds = new Uint16Array(DIRECT_RANGE);
  private readonly otherSubsetIds = new Map<number, number>();

  constructor(private readonly embedded: PdfkitEmbeddedFont) {
    this.id = embedded.id;
    this.ascent = embedded.font.ascent / embedded.font.unitsPerEm;
    this.descent = -embedded.font.descent / embedded.font.unitsPerEm;
  }

  /** Registers the font in the current page's resources and returns the font's resource reference. */
  reference(): unknown {
    return this.embedded.ref();
  }

  /** Width in points of text[start, end) on one line at the given size. */
  widthOf(text: string, size: number, start = 0, end = text.length): number {
    let ems = 0;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code < DIRECT_RANGE) {
        const known = this.advances[code] ?? -1;
        ems += known >= 0 ? known : this.learnAdvance(code);
        continue;
      }
      const codePoint = text.codePointAt(i) ?? code;
      if (codePoint > 0xffff) i++;
      ems += this.otherAdvances.get(codePoint) ?? this.learnAdvance(codePoint);
    }
    return ems * size;
  }

  /**
   * Writes the text as the body of a PDF literal string of two-byte glyph ids (escaped where PDF
   * requires) into `bytes` from `offset`, which must have room for 4 bytes per UTF-16 unit.
   * Returns the offset after the last byte written.
   */
  encodeInto(text: string, bytes: Uint8Array, offset: number): number {
    let at = offset;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let id: number;
      if (code < DIRECT_RANGE) {
        const known = this.subsetIds[code] ?? 0;
        id = known > 0 ? known - 1 : this.includeGlyph(code);
      } else {
        const codePoint = text.codePointAt(i) ?? code;
        if (codePoint > 0xffff) i++;
        id = this.otherSubsetIds.get(codePoint) ?? this.includeGlyph(codePoint);
      }
      const high = id >> 8;
      const low = id & 0xff;
      if (ESCAPED[high] === 1) at = writeEscaped(bytes, at, high);
      else bytes[at++] = high;
      if (ESCAPED[low] === 1) at = writeEscaped(bytes, at, low);
      else bytes[at++] = low;
    }
    return at;
  }

  private learnAdvance(codePoint: number): number {
    const glyph = this.embedded.font.glyphForCodePoint(codePoint);
    const ems = glyph.advanceWidth / this.embedded.font.unitsPerEm;
    if (codePoint < DIRECT_RANGE) this.advances[codePoint] = ems;
    else this.otherAdvances.set(codePoint, ems);
    return ems;
  }

  private includeGlyph(codePoint: number): number {
    const glyph = this.embedded.font.glyphForCodePoint(codePoint);
    const subsetId = this.embedded.subset.includeGlyph(glyph.id);
    this.embedded.widths[subsetId] ??= (glyph.advanceWidth * 1000) / this.embedded.font.unitsPerEm;
    this.embedded.unicode[subsetId] ??= [codePoint];
    if (codePoint < DIRECT_RANGE) this.subsetIds[codePoint] = subsetId + 1;
    else this.otherSubsetIds.set(codePoint, subsetId);
    return subsetId;
  }
}

function writeEscaped(bytes: Uint8Array, at: number, byte: number): number {
  bytes[at] = BACKSLASH;
  bytes[at + 1] = byte === 0x0a ? 0x6e : byte === 0x0d ? 0x72 : byte;
  return at + 2;
}

/** The embedded font pdfkit selected last, checked for the internals GlyphFace relies on. */
export function readEmbeddedFont(doc: PDFKit.PDFDocument): PdfkitEmbeddedFont {
  const font = (doc as unknown as { _font?: Partial<PdfkitEmbeddedFont> })._font;
  if (
    typeof font?.id !== 'string' ||
    typeof font.font?.glyphForCodePoint !== 'function' ||
    typeof font.subset?.includeGlyph !== 'function' ||
    !Array.isArray(font.widths) ||
    !Array.isArray(font.unicode)
  ) {
    throw new Error(
      'pdfkit EmbeddedFont internals changed: GlyphFace needs id, font, subset, widths and unicode',
    );
  }
  return font as PdfkitEmbeddedFont;
}
