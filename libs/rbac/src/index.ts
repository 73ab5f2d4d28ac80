export { type AccessCell, type AccessLevel, type AccessMatrix } from './access-matrix';
export { type EffectiveRule } from './aggregate-cluster-roles';
export { buildRbacSnapshot, type RbacSnapshotInput } from './build-rbac-snapshot';
export { type CanIAnswer, type CanIChecks, type CanIQuery, type CheckResult } from './can-i';
export { RoleAbilityCache } from './compile-role-ability';
export { createRbacEngine, type RbacEngine, type RbacEngineOptions } from './create-rbac-engine';
export {
  describeGrant,
  describeRequest,
  describeSubject,
  renderCanI,
  renderTierEditors,
  renderWhoCan,
} from './describe-answer';
export { InvalidQueryError } from './invalid-query-error';
export { type Identity, normalizeIdentity } from './normalize-identity';
export { parseRbacDocuments } from './parse-rbac-documents';
export { formatResourceRef, parseResourceRef, type ResourceRef } from './parse-resource-ref';
export { type PolicyQuery, type RbacMode } from './plan-decision';
export {
  PROTECTED_TIERS,
  TIERED_KINDS,
  type TieredKind,
} from './policy-kinds';
export type {
  BindingObject,
  LabelSelector,
  ObservedMembership,
  PolicyRule,
  RbacSnapshot,
  RoleObject,
  SubjectRef,
  TierObject,
} from './rbac-snapshot';
export { type RbacRequest, ruleAllows } from './rule-allows';
export { type CheckName } from './tier-check';
export {
  type IndirectEditor,
  type IndirectPath,
  type NonTieredEditPath,
  type PolicyEditPath,
  type TierEditorsAnswer,
  type TierObjectEditor,
} from './tier-editors';
export { type Grant } from './visit-rules-for';
export { type PartialEntry, type WhoCanAnswer, type WhoCanEntry, type WhoCanQuery } from './who-can';
