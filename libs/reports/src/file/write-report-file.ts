import { once } from 'node:events';
import { Zip, ZipDeflate } from 'fflate';
import { csvTables } from '../csv-tables';
import { renderDraftPdf } from '../pdf/render-report-pdf';
import { reportFileName } from '../pdf/report-file-name';
import { reportJsonChunks } from '../report-json-chunks';
import {
  type ChainCheck,
  completeReport,
  type ReportDraft,
  type ReportFormat,
  type ReportModel,
} from '../report-model';

export interface ReportFile {
  fileName: string;
  contentType: string;
}

export function reportFileOf(model: ReportDraft, format: ReportFormat): ReportFile {
  const name = reportFileName(model.meta, format);
  switch (format) {
    case 'pdf':
      return { fileName: name, contentType: 'application/pdf' };
    case 'json':
      return { fileName: name, contentType: 'application/json; charset=utf-8' };
    case 'csv':
      // One CSV per table, as Calico Enterprise exports them, in one archive.
      return { fileName: `${name}.zip`, contentType: 'application/zip' };
    default: {
      const unhandled: never = format;
      return unhandled;
    }
  }
}

async function write(out: NodeJS.WritableStream, chunk: string | Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out as NodeJS.EventEmitter, 'drain');
}

async function writeJson(model: ReportModel, out: NodeJS.WritableStream): Promise<void> {
  for await (const chunk of reportJsonChunks(model)) await write(out, chunk);
  out.end();
}

/** Each table is deflated into the archive as its lines are produced: nothing is held whole. */
async function writeCsvArchive(model: ReportModel, out: NodeJS.WritableStream): Promise<void> {
  const pending: Promise<void>[] = [];
  let failure: Error | undefined;
  const zip = new Zip((error, data, final) => {
    if (error) failure = error;
    else pending.push(write(out, data));
    if (final) pending.push(Promise.resolve());
  });
  for (const table of csvTables(model)) {
    const file = new ZipDeflate(table.name, { level: 6 });
    zip.add(file);
    for await (const line of table.lines) {
      file.push(new TextEncoder().encode(line));
      if (pending.length > 64) await Promise.all(pending.splice(0));
    }
    file.push(new Uint8Array(0), true);
  }
  zip.end();
  await Promise.all(pending);
  if (failure) throw failure;
  out.end();
}

/**
 * Writes a report in the asked format into `out` (and ends it), reporting progress as it goes.
 * A PDF is laid out while `chainCheck` settles (it is stated on the title page, laid out last);
 * JSON and CSV state it first, so they wait for it.
 */
export async function writeReportFile(
  draft: ReportDraft,
  chainCheck: Promise<ChainCheck>,
  format: ReportFormat,
  out: NodeJS.WritableStream,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  switch (format) {
    case 'pdf':
      return renderDraftPdf(draft, chainCheck, out, onProgress ? { onProgress } : {});
    case 'json':
      return writeJson(completeReport(draft, await chainCheck), out);
    case 'csv':
      return writeCsvArchive(completeReport(draft, await chainCheck), out);
    default: {
      const unhandled: never = format;
      return unhandled;
    }
  }
}
