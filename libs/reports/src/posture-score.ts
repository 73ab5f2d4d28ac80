import { countBySeverity } from './count-by-severity';
import type { Finding, Severity } from './report-model';

// Weights: critical 25, high 10, medium 4, low 1, info 0; the score is 100 minus their sum, floored at 0.
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  critical: 25,
  high: 10,
  medium: 4,
  low: 1,
  info: 0,
};

export function postureScore(findings: readonly Finding[]): number {
  const counts = countBySeverity(findings);
  const penalty = (Object.keys(SEVERITY_WEIGHTS) as Severity[]).reduce(
    (sum, severity) => sum + SEVERITY_WEIGHTS[severity] * counts[severity],
    0,
  );
  return Math.max(0, 100 - penalty);
}
