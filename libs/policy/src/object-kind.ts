import { getOwn } from './json-value';

export type PolicyKind =
  | 'NetworkPolicy'
  | 'GlobalNetworkPolicy'
  | 'StagedNetworkPolicy'
  | 'StagedGlobalNetworkPolicy'
  | 'StagedKubernetesNetworkPolicy'
  /** networking.k8s.io/v1 NetworkPolicy, named as Calico names it internally. */
  | 'KubernetesNetworkPolicy';

export type ObjectKind =
  | PolicyKind
  | 'Tier'
  | 'NetworkSet'
  | 'GlobalNetworkSet'
  | 'HostEndpoint'
  | 'FelixConfiguration'
  | 'Role'
  | 'ClusterRole'
  | 'RoleBinding'
  | 'ClusterRoleBinding'
  | 'Namespace';

export type KindFamily =
  | 'policy'
  | 'tier'
  | 'network-set'
  | 'host-endpoint'
  | 'felix-configuration'
  | 'role'
  | 'role-binding'
  | 'namespace';

interface KindEntry {
  kind: ObjectKind;
  apiKind: string;
  groups: readonly string[];
  resource: string;
  family: KindFamily;
}

const CALICO = ['projectcalico.org', 'crd.projectcalico.org'];
const RBAC = ['rbac.authorization.k8s.io'];

const KINDS: readonly KindEntry[] = [
  calico('NetworkPolicy', 'networkpolicies', 'policy'),
  calico('GlobalNetworkPolicy', 'globalnetworkpolicies', 'policy'),
  calico('StagedNetworkPolicy', 'stagednetworkpolicies', 'policy'),
  calico('StagedGlobalNetworkPolicy', 'stagedglobalnetworkpolicies', 'policy'),
  calico('StagedKubernetesNetworkPolicy', 'stagedkubernetesnetworkpolicies', 'policy'),
  {
    kind: 'KubernetesNetworkPolicy',
    apiKind: 'NetworkPolicy',
    groups: ['networking.k8s.io'],
    resource: 'networkpolicies',
    family: 'policy',
  },
  calico('Tier', 'tiers', 'tier'),
  calico('NetworkSet', 'networksets', 'network-set'),
  calico('GlobalNetworkSet', 'globalnetworksets', 'network-set'),
  calico('HostEndpoint', 'hostendpoints', 'host-endpoint'),
  calico('FelixConfiguration', 'felixconfigurations', 'felix-configuration'),
  rbac('Role', 'roles', 'role'),
  rbac('ClusterRole', 'clusterroles', 'role'),
  rbac('RoleBinding', 'rolebindings', 'role-binding'),
  rbac('ClusterRoleBinding', 'clusterrolebindings', 'role-binding'),
  {
    kind: 'Namespace',
    apiKind: 'Namespace',
    groups: [''],
    resource: 'namespaces',
    family: 'namespace',
  },
];

function calico(kind: ObjectKind, resource: string, family: KindFamily): KindEntry {
  return { kind, apiKind: kind, groups: CALICO, resource, family };
}

function rbac(kind: ObjectKind, resource: string, family: KindFamily): KindEntry {
  return { kind, apiKind: kind, groups: RBAC, resource, family };
}

export function familyOf(kind: ObjectKind): KindFamily {
  return KINDS.find((entry) => entry.kind === kind)?.family ?? 'policy';
}

export function isPolicyKind(kind: ObjectKind | undefined): kind is PolicyKind {
  return kind !== undefined && familyOf(kind) === 'policy';
}

/** The kind an object declares through apiVersion and kind; undefined when it cannot tell. */
export function objectKindOf(object: unknown): ObjectKind | undefined {
  const apiKind = getOwn(object, 'kind');
  if (typeof apiKind !== 'string') return undefined;
  const apiVersion = getOwn(object, 'apiVersion');
  const candidates = KINDS.filter((entry) => entry.apiKind === apiKind);
  if (typeof apiVersion === 'string') {
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const exact = candidates.find((entry) => entry.groups.includes(group));
    if (exact !== undefined) return exact.kind;
  }
  if (candidates.length === 1) return candidates[0]?.kind;
  return candidates.length > 1 ? networkPolicyFlavour(object) : undefined;
}

/**
 * Resolves a caller's hint (a kind such as "GlobalNetworkPolicy", "KubernetesNetworkPolicy",
 * or a plural resource such as "globalnetworkpolicies") against the objects themselves.
 * "NetworkPolicy"/"networkpolicies" are ambiguous between Calico and Kubernetes: the object decides.
 */
export function resolveObjectKind(
  hint: string | undefined,
  ...objects: readonly unknown[]
): ObjectKind | undefined {
  const declared = objects.map(objectKindOf).find((kind) => kind !== undefined);
  const wanted = hint?.trim().toLowerCase() ?? '';
  const matches = KINDS.filter(
    (entry) =>
      entry.kind.toLowerCase() === wanted ||
      entry.apiKind.toLowerCase() === wanted ||
      entry.resource === wanted,
  );
  if (matches.length === 0) return declared;
  if (matches.length === 1) return matches[0]?.kind;
  if (declared !== undefined && matches.some((entry) => entry.kind === declared)) return declared;
  const present = objects.find((object) => object !== undefined && object !== null);
  return networkPolicyFlavour(present);
}

/** Without an apiVersion, a podSelector is what tells a Kubernetes NetworkPolicy apart. */
function networkPolicyFlavour(object: unknown): PolicyKind {
  return getOwn(getOwn(object, 'spec'), 'podSelector') === undefined
    ? 'NetworkPolicy'
    : 'KubernetesNetworkPolicy';
}
