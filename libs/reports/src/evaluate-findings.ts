import type { PostureInputs } from './posture-inputs';
import { POSTURE_RULES } from './posture-rules';
import { readPosture } from './read-posture';
import { type Finding, SEVERITIES } from './report-model';

/** Every rule over the cluster's inventory at the period end: most severe first, then by rule. */
export function evaluateFindings(inputs: PostureInputs): Finding[] {
  const posture = readPosture(inputs);
  return POSTURE_RULES.flatMap((rule) => rule.check(posture)).sort(compareFindings);
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    compareText(a.ruleId, b.ruleId) ||
    sequenceOf(a) - sequenceOf(b)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sequenceOf(finding: Finding): number {
  return Number(finding.id.slice(finding.ruleId.length + 1));
}
