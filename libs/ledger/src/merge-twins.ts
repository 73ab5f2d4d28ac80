import type { AuditLevel } from '@policy-ledger/audit';
import type { AuditChangeFact } from './ledger-fact';

const LEVEL_RANK: Record<AuditLevel, number> = {
  None: 0,
  Metadata: 1,
  Request: 2,
  RequestResponse: 3,
};

function richness(fact: AuditChangeFact): number {
  return (
    LEVEL_RANK[fact.level] * 4 +
    (fact.responseObject !== undefined ? 2 : 0) +
    (fact.requestObject !== undefined ? 1 : 0)
  );
}

/**
 * One change from the events that share its auditID: the Metadata-only event kube-apiserver logs
 * for a request it proxied, and the full one from the aggregated API server (Calico's). Bodies
 * win; every other field comes from the richest event, gaps filled from the others. The result
 * does not depend on the order the events arrived in.
 */
export function mergeTwins(facts: readonly AuditChangeFact[]): AuditChangeFact {
  if (facts.length === 0) throw new Error('mergeTwins needs at least one fact');
  const ordered = [...facts].sort(
    (a, b) =>
      richness(b) - richness(a) ||
      (a.evidence.sha256 < b.evidence.sha256 ? -1 : a.evidence.sha256 > b.evidence.sha256 ? 1 : 0),
  );
  const [richest, ...rest] = ordered as [AuditChangeFact, ...AuditChangeFact[]];
  const merged: AuditChangeFact = { ...richest, object: { ...richest.object } };
  for (const other of rest) {
    merged.requestObject ??= other.requestObject;
    merged.responseObject ??= other.responseObject;
    merged.patchFlavour ??= other.patchFlavour;
    merged.requestReceivedAt ??= other.requestReceivedAt;
    merged.object.name ??= other.object.name;
    merged.object.namespace ??= other.object.namespace;
    merged.object.uid ??= other.object.uid;
    merged.authorization = {
      decision: merged.authorization.decision ?? other.authorization.decision,
      reason: merged.authorization.reason || other.authorization.reason,
    };
    if (merged.actor.sourceIps.length === 0)
      merged.actor = { ...merged.actor, sourceIps: other.actor.sourceIps };
    merged.truncated = merged.truncated && other.truncated;
  }
  if (merged.requestObject === undefined) delete merged.requestObject;
  if (merged.responseObject === undefined) delete merged.responseObject;
  return merged;
}
