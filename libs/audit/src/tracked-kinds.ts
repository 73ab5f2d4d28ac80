import type { KindFamily, TrackedKind } from './audit-change';

type CalicoKind = Omit<TrackedKind, 'apiGroup' | 'directCrd'>;

const CALICO_KINDS: readonly CalicoKind[] = [
  { resource: 'tiers', kind: 'Tier', namespaced: false, family: 'calico-tier' },
  { resource: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true, family: 'calico-policy' },
  {
    resource: 'globalnetworkpolicies',
    kind: 'GlobalNetworkPolicy',
    namespaced: false,
    family: 'calico-policy',
  },
  {
    resource: 'stagednetworkpolicies',
    kind: 'StagedNetworkPolicy',
    namespaced: true,
    family: 'calico-staged-policy',
  },
  {
    resource: 'stagedglobalnetworkpolicies',
    kind: 'StagedGlobalNetworkPolicy',
    namespaced: false,
    family: 'calico-staged-policy',
  },
  {
    resource: 'stagedkubernetesnetworkpolicies',
    kind: 'StagedKubernetesNetworkPolicy',
    namespaced: true,
    family: 'calico-staged-policy',
  },
  { resource: 'networksets', kind: 'NetworkSet', namespaced: true, family: 'calico-network-set' },
  {
    resource: 'globalnetworksets',
    kind: 'GlobalNetworkSet',
    namespaced: false,
    family: 'calico-network-set',
  },
  {
    resource: 'hostendpoints',
    kind: 'HostEndpoint',
    namespaced: false,
    family: 'calico-host-endpoint',
  },
  {
    resource: 'felixconfigurations',
    kind: 'FelixConfiguration',
    namespaced: false,
    family: 'calico-felix-configuration',
  },
];

function kubernetesKind(
  apiGroup: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  family: KindFamily,
): TrackedKind {
  return { apiGroup, resource, kind, namespaced, family, directCrd: false };
}

/** Every resource the ledger tracks, by API group and plural resource name. */
export const TRACKED_KINDS: readonly TrackedKind[] = Object.freeze(
  [
    ...CALICO_KINDS.map((kind) => ({ ...kind, apiGroup: 'projectcalico.org', directCrd: false })),
    ...CALICO_KINDS.map((kind) => ({
      ...kind,
      apiGroup: 'crd.projectcalico.org',
      directCrd: true,
    })),
    kubernetesKind(
      'networking.k8s.io',
      'networkpolicies',
      'NetworkPolicy',
      true,
      'k8s-network-policy',
    ),
    kubernetesKind('rbac.authorization.k8s.io', 'roles', 'Role', true, 'rbac-role'),
    kubernetesKind('rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole', false, 'rbac-role'),
    kubernetesKind(
      'rbac.authorization.k8s.io',
      'rolebindings',
      'RoleBinding',
      true,
      'rbac-binding',
    ),
    kubernetesKind(
      'rbac.authorization.k8s.io',
      'clusterrolebindings',
      'ClusterRoleBinding',
      false,
      'rbac-binding',
    ),
    kubernetesKind('', 'namespaces', 'Namespace', false, 'namespace'),
  ].map((kind) => Object.freeze(kind)),
);

const BY_GROUP = groupByApiGroup(TRACKED_KINDS);

function groupByApiGroup(kinds: readonly TrackedKind[]): Map<string, Map<string, TrackedKind>> {
  const byGroup = new Map<string, Map<string, TrackedKind>>();
  for (const kind of kinds) {
    const byResource = byGroup.get(kind.apiGroup) ?? new Map<string, TrackedKind>();
    byResource.set(kind.resource, kind);
    byGroup.set(kind.apiGroup, byResource);
  }
  return byGroup;
}

/** The tracked kind for an objectRef's group and plural resource ("" for the core group), if any. */
export function trackedKindOf(apiGroup: string, resource: string): TrackedKind | undefined {
  return BY_GROUP.get(apiGroup)?.get(resource);
}
