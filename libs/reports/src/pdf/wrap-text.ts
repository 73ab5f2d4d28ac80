/** What line breaking needs of a font: GlyphFace, or a fake in tests. */
export interface TextMeasurer {
  /** Width of text[start, end) (the whole text by default) at the given size. */
  widthOf(text: string, size: number, start?: number, end?: number): number;
}

/** Characters after which a long token (a Kubernetes name, a selector, a URL) may break. */
const BREAK_AFTER = new Set(Array.from('-:/.,_=@&|;)]}>', (char) => char.charCodeAt(0)));
const NEEDS_CLEANING = /[\r\t\u0080-\uffff]/;

/**
 * Greedy line breaking at spaces; a token wider than the line breaks after punctuation that
 * Kubernetes names and selectors are made of, and by character as a last resort, so every
 * character is kept and no line is wider than maxWidth (unless a single character is).
 */
export function wrapText(
  text: string,
  maxWidth: number,
  measurer: TextMeasurer,
  size: number,
): string[] {
  const clean = NEEDS_CLEANING.test(text)
    ? text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ')
    : text;
  const lines: string[] = [];
  if (!clean.includes('\n')) wrapParagraph(clean, maxWidth, measurer, size, lines);
  else
    for (const paragraph of clean.split('\n'))
      wrapParagraph(paragraph, maxWidth, measurer, size, lines);
  return lines;
}

/** Greedy breaking over word ranges of the paragraph: each word measured once, lines sliced, not built. */
function wrapParagraph(
  paragraph: string,
  maxWidth: number,
  measurer: TextMeasurer,
  size: number,
  lines: string[],
): void {
  const spaceWidth = measurer.widthOf(' ', size);
  let lineStart = 0;
  let lineEnd = 0;
  let lineWidth = -1;
  for (let wordStart = 0; wordStart <= paragraph.length; ) {
    const space = paragraph.indexOf(' ', wordStart);
    const wordEnd = space < 0 ? paragraph.length : space;
    const wordWidth = measurer.widthOf(paragraph, size, wordStart, wordEnd);
    if (lineWidth >= 0 && lineWidth + spaceWidth + wordWidth <= maxWidth) {
      lineEnd = wordEnd;
      lineWidth += spaceWidth + wordWidth;
    } else {
      if (lineWidth >= 0) lines.push(paragraph.slice(lineStart, lineEnd));
      lineStart = wordStart;
      lineEnd = wordEnd;
      lineWidth = wordWidth;
      if (wordWidth > maxWidth) {
        const pieces = breakToken(paragraph.slice(wordStart, wordEnd), maxWidth, measurer, size);
        const last = pieces.pop() ?? '';
        for (const piece of pieces) lines.push(piece);
        lineStart = wordEnd - last.length;
        lineWidth = measurer.widthOf(last, size);
      }
    }
    wordStart = wordEnd + 1;
  }
  lines.push(paragraph.slice(lineStart, lineEnd));
}

/** Splits one token into pieces that each fit maxWidth, preferring breaks after punctuation. */
export function breakToken(
  token: string,
  maxWidth: number,
  measurer: TextMeasurer,
  size: number,
): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < token.length) {
    let width = 0;
    let end = start;
    let lastBreak = -1;
    while (end < token.length) {
      const length = isHighSurrogate(token.charCodeAt(end)) ? 2 : 1;
      const charWidth = measurer.widthOf(token, size, end, end + length);
      if (width + charWidth > maxWidth && end > start) break;
      width += charWidth;
      end += length;
      if (length === 1 && BREAK_AFTER.has(token.charCodeAt(end - 1))) lastBreak = end;
    }
    const breaksLate = lastBreak - start >= (end - start) * 0.25;
    const cut = end < token.length && breaksLate ? lastBreak : end;
    pieces.push(token.slice(start, cut));
    start = cut;
  }
  return pieces;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code < 0xdc00;
}
