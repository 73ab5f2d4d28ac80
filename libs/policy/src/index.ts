export {
  allowsKubeDns,
  type DnsAllowance,
  policyAllowsKubeDns,
  ruleAllowsKubeDns,
} from './allows-kube-dns';
export { applyJsonPatch, type JsonPatchOperation, type JsonPatchResult } from './apply-json-patch';
export { applyMergePatch } from './apply-merge-patch';
export type { DiffCallbacks, DiffContext, RbacObjectChange, TierEditor } from './diff-context';
export { isThreatFeedSet } from './diff-network-sets';
export { diffObjects } from './diff-objects';
export { isBroadSubject } from './diff-role-bindings';
export {
  entityMatchesEverything,
  entityReachesInternet,
  localEntity,
  remoteEntity,
  ruleAllowsInternet,
  ruleMatchesAllTraffic,
} from './entity-reaches-internet';
export {
  defaultDenyDirections,
  hasDenyEffect,
  isDefaultDeny,
  selectsBroadly,
} from './is-default-deny';
export { isAnyAddressCidr, isInternetCidr, isPrivateCidr } from './is-private-cidr';
export { jsonPatch } from './json-patch';
export { parseJsonPointer, toJsonPointer } from './json-pointer';
export type { JsonObject, JsonValue } from './json-value';
export { labelSelectorToCalico } from './label-selector-to-calico';
export {
  type KindFamily,
  type ObjectKind,
  objectKindOf,
  type PolicyKind,
  resolveObjectKind,
} from './object-kind';
export { type Cidr, cidrContains, parseCidr } from './parse-cidr';
export { formatPort, type PortSpec, portsCover } from './parse-port';
export { type ParsedSelector, parseSelector, type SelectorNode } from './parse-selector';
export { ESCALATION_VERBS, WRITE_VERBS } from './rbac-grants';
export { type SelectorBreadth, selectorBreadth, selectsEverything } from './selector-breadth';
export { selectorMatches } from './selector-matches';
export type { ChangeType, Risk, SemanticChange } from './semantic-change';
export { sortInEvaluationOrder } from './sort-in-evaluation-order';
export { type RiskSummary, summariseRisk } from './summarise-risk';
export { type EndpointToHostAction, type FelixModel, toFelixModel } from './to-felix-model';
export { type HostEndpointModel, toHostEndpointModel } from './to-host-endpoint-model';
export { type NamespaceModel, toNamespaceModel } from './to-namespace-model';
export { type NetworkSetModel, toNetworkSetModel } from './to-network-set-model';
export {
  BUILT_IN_TIERS,
  KUBERNETES_POLICY_ORDER,
  type PolicyModel,
  type PolicyModelOptions,
  type StagedAction,
  type TierSource,
  toPolicyModel,
} from './to-policy-model';
export {
  type RbacSubject,
  type RoleBindingModel,
  type RoleRef,
  toRoleBindingModel,
} from './to-role-binding-model';
export { type RbacRule, type RoleModel, toRoleModel } from './to-role-model';
export type { Direction, EntityModel, RuleAction, RuleModel } from './to-rule-model';
export {
  DEFAULT_TIER_ORDER,
  type TierDefaultAction,
  type TierModel,
  toTierModel,
} from './to-tier-model';
