import { Writable } from 'node:stream';
import type { ReportModel } from '../../report-model';
import { type RenderReportPdfOptions, renderReportPdf } from '../render-report-pdf';

/** Renders a report into memory: for tests, whose reports are small. */
export async function renderToBuffer(
  model: ReportModel,
  options: RenderReportPdfOptions = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await renderReportPdf(model, out, options);
  return Buffer.concat(chunks);
}
