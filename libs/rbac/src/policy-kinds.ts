import type { ResourceRef } from './parse-resource-ref';

export const CALICO_GROUP = 'projectcalico.org';
export const CALICO_CRD_GROUP = 'crd.projectcalico.org';
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** B.3: the kinds the Calico API server (or webhook) tier-checks. */
export const TIERED_KINDS = [
  'networkpolicies',
  'globalnetworkpolicies',
  'stagednetworkpolicies',
  'stagedglobalnetworkpolicies',
] as const;
export type TieredKind = (typeof TIERED_KINDS)[number];

export const DEFAULT_TIER = 'default';
/** B.6: cannot be deleted; order and defaultAction are pinned. */
export const PROTECTED_TIERS: ReadonlySet<string> = new Set([
  'default',
  'kube-admin',
  'kube-baseline',
]);

export const POLICY_VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
] as const;
export type PolicyVerb = (typeof POLICY_VERBS)[number];
export const EDIT_VERBS = ['create', 'update', 'patch', 'delete'] as const;
export type EditVerb = (typeof EDIT_VERBS)[number];
export const VIEW_VERBS = ['get', 'list', 'watch'] as const;
export const TIER_OBJECT_VERBS = ['update', 'patch', 'delete'] as const;
export type TierObjectVerb = (typeof TIER_OBJECT_VERBS)[number];

/** Cluster-scoped resources the engine knows: a namespace given with them is dropped. */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  `tiers.${CALICO_GROUP}`,
  `globalnetworkpolicies.${CALICO_GROUP}`,
  `stagedglobalnetworkpolicies.${CALICO_GROUP}`,
  `globalnetworksets.${CALICO_GROUP}`,
  `tier.globalnetworkpolicies.${CALICO_GROUP}`,
  `tier.stagedglobalnetworkpolicies.${CALICO_GROUP}`,
  `tiers.${CALICO_CRD_GROUP}`,
  `globalnetworkpolicies.${CALICO_CRD_GROUP}`,
  `stagedglobalnetworkpolicies.${CALICO_CRD_GROUP}`,
  `clusterroles.${RBAC_GROUP}`,
  `clusterrolebindings.${RBAC_GROUP}`,
  'namespaces',
  'nodes',
  'persistentvolumes',
  'users',
  'groups',
  'customresourcedefinitions.apiextensions.k8s.io',
  'validatingwebhookconfigurations.admissionregistration.k8s.io',
  'mutatingwebhookconfigurations.admissionregistration.k8s.io',
  'validatingadmissionpolicies.admissionregistration.k8s.io',
  'adminnetworkpolicies.policy.networking.k8s.io',
  'baselineadminnetworkpolicies.policy.networking.k8s.io',
]);

export function tieredKindOf(ref: ResourceRef): TieredKind | undefined {
  if (ref.apiGroup !== CALICO_GROUP) return undefined;
  return TIERED_KINDS.find((kind) => kind === ref.resource);
}

export function isNamespacedKind(kind: TieredKind): boolean {
  switch (kind) {
    case 'networkpolicies':
    case 'stagednetworkpolicies':
      return true;
    case 'globalnetworkpolicies':
    case 'stagedglobalnetworkpolicies':
      return false;
    default: {
      const unhandled: never = kind;
      return unhandled;
    }
  }
}

export function isClusterScoped(ref: ResourceRef): boolean {
  const key = ref.apiGroup === '' ? ref.resource : `${ref.resource}.${ref.apiGroup}`;
  return CLUSTER_SCOPED.has(key);
}

export function isTierResource(ref: ResourceRef): boolean {
  return ref.apiGroup === CALICO_GROUP && ref.resource === 'tiers' && ref.subresource === '';
}

export function isPolicyVerb(verb: string): verb is PolicyVerb {
  return (POLICY_VERBS as readonly string[]).includes(verb);
}

/** B.7: the verb the admission webhook checks on the tier pseudo-resource. */
export function admissionVerbOf(verb: Exclude<PolicyVerb, 'get' | 'list' | 'watch'>): string {
  switch (verb) {
    case 'create':
      return 'create';
    case 'update':
    case 'patch':
      return 'update';
    case 'delete':
    case 'deletecollection':
      return 'delete';
    default: {
      const unhandled: never = verb;
      return unhandled;
    }
  }
}

export const TIER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
