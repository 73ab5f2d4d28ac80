import { listText, plural } from './describe-policy';
import { evidenceOf } from './evidence-of';
import type { FindingDraft, PostureRuleMeta } from './posture-rule';
import type { InventoryObject } from './report-model';

/**
 * In place of a finding the ledger cannot back: objects whose state it could not reconstruct
 * might make the practice hold. Says which objects, and how to make the rule assessable again.
 */
export function notAssessableNote(
  meta: PostureRuleMeta,
  unknown: readonly InventoryObject[],
  question: string,
): FindingDraft {
  const names = unknown.map(objectName);
  const resources = [...new Set(unknown.map((item) => item.resource))].sort();
  return {
    title: `${meta.title} (not assessable)`,
    severity: 'info',
    description: `Could not tell ${question}: the state of ${plural(unknown.length, 'object')} is unknown to the ledger (${listText(names)}).`,
    evidence: evidenceOf(unknown, `state unknown since ${earliestUnknownSince(unknown)}`),
    fix: `Record the current state: run kubectl get ${resources.join(',')} -A -o json > snapshot.json, then policy-ledger import snapshot --cluster ${unknown[0]?.cluster ?? '<cluster>'} snapshot.json.`,
  };
}

export function objectName(item: InventoryObject): string {
  return `${item.resource} ${item.namespace === undefined ? '' : `${item.namespace}/`}${item.name}`;
}

function earliestUnknownSince(unknown: readonly InventoryObject[]): string {
  const times = unknown.map((item) => item.unknownSince ?? item.since).sort();
  return times[0] ?? 'an unknown time';
}
