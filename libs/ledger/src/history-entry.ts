import type { AuditChangeFact, ObjectObservedFact } from './ledger-fact';
import type { HistoryEntry } from './object-history';

/** The key of the change an audit request makes, whichever of its twin events it came from. */
export function auditChangeKey(auditId: string): string {
  return `audit:${auditId}`;
}

export function observedChangeKey(eventId: string): string {
  return `observed:${eventId}`;
}

export function entryFromAuditChange(fact: AuditChangeFact): HistoryEntry {
  return {
    changeKey: auditChangeKey(fact.auditId),
    source: 'audit',
    occurredAt: fact.occurredAt,
    ...(fact.requestReceivedAt ? { requestReceivedAt: fact.requestReceivedAt } : {}),
    tiebreak: fact.auditId,
    verb: fact.verb,
    outcome: fact.outcome,
    ...(fact.object.subresource ? { subresource: fact.object.subresource } : {}),
    ...(fact.patchFlavour ? { patchFlavour: fact.patchFlavour } : {}),
    level: fact.level,
    requestObject: fact.requestObject,
    responseObject: fact.responseObject,
    ...(fact.status?.code !== undefined ? { statusCode: fact.status.code } : {}),
    ...(fact.object.uid ? { uid: fact.object.uid } : {}),
  };
}

export function entryFromObservation(eventId: string, fact: ObjectObservedFact): HistoryEntry {
  return {
    changeKey: observedChangeKey(eventId),
    source: 'observation',
    occurredAt: fact.observedAt,
    tiebreak: eventId,
    outcome: 'observed',
    observed: fact.state,
    ...(fact.object.uid ? { uid: fact.object.uid } : {}),
  };
}
