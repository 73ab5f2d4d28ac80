export type {
  AuditChange,
  ChangeActor,
  ChangeVerb,
  Classification,
  IgnoredReason,
  KindFamily,
  Outcome,
  PatchFlavour,
  TrackedKind,
} from './audit-change';
export type {
  AuditEvent,
  AuditLevel,
  AuditStage,
  DecodedMessage,
  DecodeFailure,
  Framing,
  ObjectRef,
  ResponseStatus,
  UserInfo,
} from './audit-event';
export { AUDIT_EVENT_ID_NAMESPACE, auditEventId, carriesBodies } from './audit-event-id';
export {
  AUTHORIZATION_REASON_ANNOTATION,
  classifyAuditEvent,
  isChangeVerb,
  isRecordableStage,
  TRUNCATED_ANNOTATION,
} from './classify-audit-event';
export { decodeAuditMessage } from './decode-audit-message';
export { detectPatchFlavour } from './detect-patch-flavour';
export { effectiveUser } from './effective-user';
export { isDryRun } from './is-dry-run';
export { toMicroTime } from './micro-time';
export {
  mightConcernTrackedResources,
  TRACKED_RESOURCE_TOKENS,
} from './might-concern-tracked-resources';
export { AUTHORIZATION_DECISION_ANNOTATION, outcomeOf, statusCodeOf } from './outcome-of';
export { SUPPORTED_API_VERSIONS } from './read-audit-event';
export { TRACKED_KINDS, trackedKindOf } from './tracked-kinds';
export { DNS_NAMESPACE, URL_NAMESPACE, uuidV5 } from './uuid-v5';
