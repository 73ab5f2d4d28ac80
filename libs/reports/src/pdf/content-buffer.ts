import type { GlyphFace } from './glyph-face';

const INITIAL_BYTES = 64 * 1024;

/**
 * A page's content stream as bytes, written operator by operator: nothing of a page under
 * construction stays on the JS heap, and glyph codes go straight from the face's tables into
 * the bytes without intermediate strings.
 */
export class ContentBuffer {
  private bytes = Buffer.allocUnsafe(INITIAL_BYTES);
  private length = 0;

  get isEmpty(): boolean {
    return this.length === 0;
  }

  /** Appends one line of PDF operators; every char must be a byte (latin1). */
  push(line: string): void {
    this.write(line);
    this.bytes[this.length++] = 0x0a;
  }

  /** Appends operators without ending the line. */
  write(text: string): void {
    this.reserve(text.length + 1);
    this.length += this.bytes.write(text, this.length, 'latin1');
  }

  /** Appends the text as a literal string of the face's glyph codes, parentheses included. */
  writeGlyphs(face: GlyphFace, text: string): void {
    this.reserve(4 * text.length + 3);
    this.bytes[this.length++] = 0x28;
    this.length = face.encodeInto(text, this.bytes, this.length);
    this.bytes[this.length++] = 0x29;
  }

  /** The bytes written so far, valid until the next write; the buffer starts over empty. */
  take(): Buffer {
    const taken = this.bytes.subarray(0, this.length);
    this.length = 0;
    return taken;
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }
}
