import { once } from 'node:events';
import { finished } from 'node:stream/promises';

export interface DocumentOutput {
  /** Moves what the document has produced into `out`; a promise while `out` is full (or failed). */
  waitForOutput(): Promise<void> | undefined;
  /** Resolves once the ended document is all in `out` and `out` has finished. */
  finished: Promise<void>;
}

const BLOCK_SIZE = 64 * 1024;

/**
 * Moves the document's bytes into `out` and exposes `out`'s back-pressure. pdfkit pushes its bytes
 * regardless of back-pressure, and a render that only awaits resolved promises never gives a
 * flowing stream the tick it needs to emit them; so the renderer pulls them here, in blocks, at
 * every settle point, and waits for `out` to drain when it is full.
 */
export function pipeDocumentOutput(
  doc: PDFKit.PDFDocument,
  out: NodeJS.WritableStream,
): DocumentOutput {
  const readable = doc as unknown as NodeJS.ReadableStream & { readableLength: number };
  let draining: Promise<void> | undefined;
  let failure: unknown;
  out.on('error', (error: unknown) => {
    failure ??= error;
  });
  const pump = () => {
    for (let chunk = readable.read(); chunk !== null; chunk = readable.read()) {
      if (!out.write(chunk as Uint8Array) && draining === undefined) {
        draining = once(out as NodeJS.EventEmitter, 'drain').then(
          () => {
            draining = undefined;
          },
          (error: unknown) => {
            failure ??= error;
            draining = undefined;
          },
        );
      }
    }
  };
  readable.on('readable', pump);
  const ended = once(readable as NodeJS.EventEmitter, 'end').then(() => {
    out.end();
    return finished(out);
  });
  return {
    waitForOutput: () => {
      if (failure !== undefined) return Promise.reject(failure);
      if (readable.readableLength >= BLOCK_SIZE) pump();
      return draining;
    },
    finished: ended,
  };
}
