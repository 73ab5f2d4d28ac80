import path from 'node:path';
import { GlyphFace, readEmbeddedFont } from './glyph-face';

export type FaceName = 'sans' | 'sansBold' | 'condensed' | 'condensedBold' | 'mono';

export type ReportFaces = Record<FaceName, GlyphFace>;

const FONT_FILES: Record<FaceName, string> = {
  sans: 'DejaVuSans.ttf',
  sansBold: 'DejaVuSans-Bold.ttf',
  condensed: 'DejaVuSansCondensed.ttf',
  condensedBold: 'DejaVuSansCondensed-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
};

/** Absolute path of a DejaVu font file, the open font family every report embeds. */
export function resolveFontFile(name: FaceName): string {
  const packageDir = path.dirname(require.resolve('dejavu-fonts-ttf/package.json'));
  return path.join(packageDir, 'ttf', FONT_FILES[name]);
}

/** Registers the DejaVu faces with the document and returns them ready for measuring and drawing. */
export function loadReportFaces(doc: PDFKit.PDFDocument): ReportFaces {
  const load = (name: FaceName): GlyphFace => {
    doc.registerFont(name, resolveFontFile(name));
    doc.font(name);
    return new GlyphFace(readEmbeddedFont(doc));
  };
  return {
    sans: load('sans'),
    sansBold: load('sansBold'),
    condensed: load('condensed'),
    condensedBold: load('condensedBold'),
    mono: load('mono'),
  };
}
