import { RISK_RANK, type Risk, type SemanticChange } from './semantic-change';

export interface RiskSummary {
  /** 'none' when there are no changes. */
  highest: Risk | 'none';
  counts: Readonly<Record<Risk, number>>;
  total: number;
}

export function summariseRisk(changes: readonly SemanticChange[]): RiskSummary {
  const counts: Record<Risk, number> = { high: 0, medium: 0, low: 0 };
  for (const change of changes) counts[change.risk] += 1;
  const present = (['high', 'medium', 'low'] as const).filter((risk) => counts[risk] > 0);
  const highest = present.sort((a, b) => RISK_RANK[b] - RISK_RANK[a])[0] ?? 'none';
  return { highest, counts, total: changes.length };
}
