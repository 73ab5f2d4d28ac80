import type {
  AuditChange,
  ChangeVerb,
  Classification,
  IgnoredReason,
  TrackedKind,
} from './audit-change';
import type { AuditEvent, ObjectRef } from './audit-event';
import { detectPatchFlavour } from './detect-patch-flavour';
import { effectiveUser } from './effective-user';
import { AUTHORIZATION_DECISION_ANNOTATION, outcomeOf, statusCodeOf } from './outcome-of';
import { trackedKindOf } from './tracked-kinds';

export const AUTHORIZATION_REASON_ANNOTATION = 'authorization.k8s.io/reason';
export const TRUNCATED_ANNOTATION = 'audit.k8s.io/truncated';

export const CHANGE_VERBS: ReadonlySet<string> = new Set<ChangeVerb>([
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
]);

/** Whether an audit event is a change the ledger records, and if so the change; else why not. */
export function classifyAuditEvent(event: AuditEvent): Classification {
  const objectRef = event.objectRef;
  if (objectRef === undefined) return ignored('not-a-resource-request');
  // Reads are most of a stream; calling them read-only whatever their resource keeps the count plain.
  if (!isChangeVerb(event.verb)) return ignored('read-only-verb');
  const kind = trackedKindOf(objectRef.apiGroup, objectRef.resource);
  if (kind === undefined) return ignored('untracked-resource');
  if (!isRecordableStage(event)) return ignored('non-terminal-stage');
  return { kind: 'change', change: changeOf(event, objectRef, kind, event.verb) };
}

export function isChangeVerb(verb: string): verb is ChangeVerb {
  return CHANGE_VERBS.has(verb);
}

/**
 * ResponseComplete and Panic end a request. ResponseStarted ends only a failed authentication
 * (401, with an empty user); otherwise it precedes a ResponseComplete of the same request.
 */
export function isRecordableStage(event: Pick<AuditEvent, 'stage' | 'responseStatus'>): boolean {
  switch (event.stage) {
    case 'RequestReceived':
      return false;
    case 'ResponseStarted':
      return event.responseStatus?.code === 401;
    case 'ResponseComplete':
    case 'Panic':
      return true;
    default: {
      const unhandled: never = event.stage;
      return unhandled;
    }
  }
}

function ignored(reason: IgnoredReason): Classification {
  return { kind: 'ignored', reason };
}

function changeOf(
  event: AuditEvent,
  objectRef: ObjectRef,
  kind: TrackedKind,
  verb: ChangeVerb,
): AuditChange {
  return withoutUndefined({
    auditId: event.auditId,
    stage: event.stage,
    level: event.level,
    verb,
    outcome: outcomeOf(event),
    statusCode: statusCodeOf(event),
    statusReason: event.responseStatus?.reason,
    statusMessage: event.responseStatus?.message,
    kind,
    target: targetOf(objectRef, kind),
    actor: actorOf(event),
    authorization: withoutUndefined({
      decision: event.annotations[AUTHORIZATION_DECISION_ANNOTATION],
      reason: event.annotations[AUTHORIZATION_REASON_ANNOTATION],
    }),
    patchFlavour: detectPatchFlavour(event),
    requestObject: event.requestObject,
    responseObject: event.responseObject,
    requestUri: event.requestUri,
    requestReceivedAt: event.requestReceivedAt,
    occurredAt: event.stageAt,
    truncated: event.annotations[TRUNCATED_ANNOTATION] === 'true',
    annotations: event.annotations,
    event,
  });
}

// For a cluster-scoped kind, objectRef.namespace is noise: a Namespace repeats its own name there.
function targetOf(objectRef: ObjectRef, kind: TrackedKind): AuditChange['target'] {
  return withoutUndefined({
    namespace: kind.namespaced ? objectRef.namespace : undefined,
    name: objectRef.name,
    uid: objectRef.uid,
    subresource: objectRef.subresource,
    apiVersion: objectRef.apiVersion,
    resourceVersion: objectRef.resourceVersion,
  });
}

function actorOf(event: AuditEvent): AuditChange['actor'] {
  return withoutUndefined({
    user: event.user,
    impersonatedUser: event.impersonatedUser,
    effective: effectiveUser(event),
    sourceIps: event.sourceIps,
    userAgent: event.userAgent,
  });
}

/** Drops members whose value is undefined, so optional fields are absent rather than undefined. */
function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
