import type { ReportMeta } from '../report-model';
import { drawBadge, layoutBadge } from './draw-badge';
import { formatCount, formatInstant, formatPeriod, formatReportType } from './format-report-values';
import type { PageFlow } from './page-flow';
import { INK, PAGE, TEXT, type TextStyle } from './report-theme';
import { wrapText } from './wrap-text';

const BAND_MIN_HEIGHT = 236;
const LABEL_WIDTH = 118;

/**
 * The title page, on the page the flow is at: what the report is, its scope and period, and
 * whether its ledger verified.
 */
export function writeTitlePage(flow: PageFlow, meta: ReportMeta): void {
  writeBand(flow, meta);
  writeFacts(flow, meta);
  writeVerification(flow, meta);
  writeFootnote(flow);
}

function writeBand(flow: PageFlow, meta: ReportMeta): void {
  const titleStyle: TextStyle = { face: 'sansBold', size: 23, colour: INK.white };
  const lines = wrapText(
    meta.title,
    flow.right - flow.left,
    flow.face(titleStyle.face),
    titleStyle.size,
  );
  const titleTop = 116;
  const bandHeight = Math.max(
    BAND_MIN_HEIGHT,
    titleTop + lines.length * flow.lineHeight(titleStyle) + 34,
  );
  flow.paint((doc) => {
    doc.rect(0, 0, PAGE.width, bandHeight).fill(INK.accent);
    doc.rect(0, bandHeight, PAGE.width, 4).fill('#f0b323');
  });
  flow.text({ face: 'sansBold', size: 11, colour: INK.white }, flow.left, 58, 'POLICY LEDGER');
  flow.text(
    { face: 'sans', size: 10, colour: '#c9d6e8' },
    flow.left,
    78,
    formatReportType(meta.type),
  );
  lines.forEach((line, i) => {
    flow.text(titleStyle, flow.left, titleTop + i * flow.lineHeight(titleStyle), line);
  });
  flow.y = bandHeight + 34;
}

function writeFacts(flow: PageFlow, meta: ReportMeta): void {
  const mono: TextStyle = { face: 'mono', size: 8.5, colour: INK.text };
  const facts: [string, string, TextStyle][] = [
    ['Report id', meta.id, mono],
    ['Report type', formatReportType(meta.type), TEXT.body],
    [
      'Scope',
      meta.scope.cluster === null ? 'All clusters' : `Cluster ${meta.scope.cluster}`,
      TEXT.body,
    ],
    ['Period', `${formatPeriod(meta.scope)}: start included, end excluded`, TEXT.body],
    ['Generated', formatInstant(meta.generatedAt), TEXT.body],
    ['Ledger position', formatCount(meta.ledger.position), TEXT.body],
    ['Ledger hash', meta.ledger.hash, mono],
    ['Generator', `${meta.generator.name} ${meta.generator.version}`, TEXT.body],
  ];
  for (const [label, value, style] of facts) {
    const top = flow.y;
    flow.text({ ...TEXT.bodyBold, colour: INK.muted }, flow.left, top, label);
    const lines = wrapText(
      value,
      flow.right - flow.left - LABEL_WIDTH,
      flow.face(style.face),
      style.size,
    );
    lines.forEach((line, i) => {
      flow.text(style, flow.left + LABEL_WIDTH, top + i * flow.lineHeight(TEXT.body), line);
    });
    flow.y = top + lines.length * flow.lineHeight(TEXT.body) + 5;
    flow.rule(flow.left, flow.right, flow.y - 2.5, 0.3, INK.rule);
  }
  flow.y += 22;
}

function writeVerification(flow: PageFlow, meta: ReportMeta): void {
  const { verified, firstBrokenAt, position } = meta.ledger;
  const heading = verified
    ? 'Hash chain verified'
    : 'WARNING: the ledger’s hash chain did not verify';
  const body = verified
    ? `The ledger’s hash chain verified from its first entry up to position ${formatCount(position)}, the position this report was computed at: the recorded events behind this report have not been altered or removed since they were written.`
    : `${
        firstBrokenAt === null
          ? 'The chain is broken at an unknown position.'
          : `The first broken entry is at ledger position ${formatCount(firstBrokenAt)}.`
      } Entries from there on may have been altered or removed after they were recorded, so the statements of this report that rely on them are not backed by a verified chain. Investigate the break (policy-ledger verify) before relying on this report as audit evidence.`;
  const headingStyle: TextStyle = {
    face: 'sansBold',
    size: verified ? 12 : 13,
    colour: verified ? INK.ok : INK.warning,
  };
  const inner = flow.right - flow.left - 36;
  const headingLines = wrapText(
    heading,
    inner - 80,
    flow.face(headingStyle.face),
    headingStyle.size,
  );
  const bodyLines = wrapText(body, inner, flow.face(TEXT.body.face), TEXT.body.size);
  const height =
    20 +
    headingLines.length * flow.lineHeight(headingStyle) +
    6 +
    bodyLines.length * flow.lineHeight(TEXT.body) +
    16;
  const top = flow.y;
  flow.paint((doc) => {
    doc
      .rect(flow.left, top, flow.right - flow.left, height)
      .lineWidth(verified ? 0.8 : 1.6)
      .fillAndStroke(verified ? INK.okFill : INK.warningFill, verified ? INK.ok : INK.warning);
    doc.rect(flow.left, top, 6, height).fill(verified ? INK.ok : INK.warning);
  });
  const badge = verified ? 'VERIFIED' : 'NOT VERIFIED';
  const tone = { fill: verified ? INK.ok : INK.warning, text: INK.white };
  drawBadge(flow, flow.right - 18 - layoutBadge(flow, badge).width, top + 18, { badge, tone });
  let y = top + 16;
  for (const line of headingLines) {
    flow.text(headingStyle, flow.left + 20, y, line);
    y += flow.lineHeight(headingStyle);
  }
  y += 6;
  for (const line of bodyLines) {
    flow.text(TEXT.body, flow.left + 20, y, line);
    y += flow.lineHeight(TEXT.body);
  }
  flow.y = top + height + 18;
}

function writeFootnote(flow: PageFlow): void {
  const note =
    'All times are UTC. Every statement in this report points to the Kubernetes audit events and Policy Ledger positions behind it (see the evidence appendix). The same ledger position renders the same document, byte for byte.';
  const lines = wrapText(note, flow.right - flow.left, flow.face(TEXT.muted.face), TEXT.muted.size);
  let y = flow.bottom + 20 - lines.length * flow.lineHeight(TEXT.muted);
  for (const line of lines) {
    flow.text(TEXT.muted, flow.left, y, line);
    y += flow.lineHeight(TEXT.muted);
  }
}
