export type { AccessCell, AccessLevel, AccessMatrix } from './access-matrix';
export type { EffectiveRule } from './aggregate-cluster-roles';
export { buildRbacSnapshot, type RbacSnapshotInput } from './build-rbac-snapshot';
export type { CanIAnswer, CanIChecks, CanIQuery, CheckResult } from './can-i';
export type { PathDefinite, PathObserved, PolicyPath, Scope } from './collect-policy-paths';
export { RoleAbilityCache } from './compile-role-ability';
export { createRbacEngine, type RbacEngine, type RbacEngineOptions } from './create-rbac-engine';
export {
  describeGrant,
  describeGrantPath,
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
export type { DecisionPlan, PolicyQuery, RbacMode } from './plan-decision';
export {
  POLICY_VERBS,
  type PolicyVerb,
  PROTECTED_TIERS,
  TIERED_KINDS,
  type TieredKind,
} from './policy-kinds';
export { RBAC_KINDS, rbacEngineAt } from './postgres/rbac-engine-at';
export type {
  BindingObject,
  LabelSelector,
  ObservedMembership,
  PolicyRule,
  RbacSnapshot,
  RoleObject,
  SubjectRef,
  TierObject,
  UnknownStateObject,
} from './rbac-snapshot';
export { type RbacRequest, ruleAllows } from './rule-allows';
export type { CheckName } from './tier-check';
export type {
  IndirectEditor,
  IndirectPath,
  NonTieredEditPath,
  PathVerb,
  PolicyEditPath,
  TierEditorsAnswer,
  TierObjectEditor,
} from './tier-editors';
export type { Grant, GrantPath } from './visit-rules-for';
export type { PartialEntry, WhoCanAnswer, WhoCanEntry, WhoCanQuery } from './who-can';
