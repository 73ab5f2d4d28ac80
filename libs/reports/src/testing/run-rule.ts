import type { PostureRule } from '../posture-rule';
import { readPosture } from '../read-posture';
import type { Finding, InventoryObject } from '../report-model';
import { type Json, syntheticInputs } from './synthetic-inventory';

/** One rule over a few synthetic objects, as evaluateFindings would run it. */
export function runRule(
  rule: PostureRule,
  objects: ReadonlyArray<Json | InventoryObject>,
  extra: Parameters<typeof syntheticInputs>[1] = {},
): Finding[] {
  return rule.check(readPosture(syntheticInputs(objects, extra)));
}

export function severitiesOf(findings: readonly Finding[]): string[] {
  return findings.map((finding) => finding.severity);
}
