import { countBySeverity } from '../../count-by-severity';
import { type Finding, SEVERITIES, type Severity } from '../../report-model';
import { drawBadge, layoutBadge } from '../draw-badge';
import { formatCount } from '../format-report-values';
import type { PageFlow } from '../page-flow';
import { pickSeverityTone, TEXT } from '../report-theme';

/** One line of severity badges with their counts: "CRITICAL 1   HIGH 3   MEDIUM 4 …". */
export function writeSeverityCounts(
  flow: PageFlow,
  findings: readonly Finding[] | Record<Severity, number>,
): void {
  const counts = Array.isArray(findings)
    ? countBySeverity(findings)
    : (findings as Record<Severity, number>);
  const height = layoutBadge(flow, 'HIGH').height;
  flow.ensureSpace(height + 8);
  let x = flow.left;
  for (const severity of SEVERITIES) {
    x +=
      drawBadge(flow, x, flow.y, {
        badge: severity.toUpperCase(),
        tone: pickSeverityTone(severity),
      }) + 4;
    const count = formatCount(counts[severity]);
    flow.text(TEXT.bodyBold, x, flow.y + (height - flow.lineHeight(TEXT.bodyBold)) / 2, count);
    x += flow.widthOf(TEXT.bodyBold, count) + 16;
  }
  flow.y += height + 10;
}
