import type { InventoryObject } from './report-model';

export type InventoryFamily =
  | 'tier'
  | 'policy'
  | 'network-set'
  | 'host-endpoint'
  | 'felix-configuration'
  | 'namespace'
  | 'role'
  | 'role-binding';

export interface InventoryClass {
  family: InventoryFamily;
  /** The kind to read the object as, when the object itself does not say. */
  kindHint: string;
  /** Stored as crd.projectcalico.org: the backing CRD of a projectcalico.org object, or a direct write. */
  calicoCrd: boolean;
}

const CALICO_KINDS: Readonly<Record<string, { family: InventoryFamily; kind: string }>> = {
  tiers: { family: 'tier', kind: 'Tier' },
  networkpolicies: { family: 'policy', kind: 'NetworkPolicy' },
  globalnetworkpolicies: { family: 'policy', kind: 'GlobalNetworkPolicy' },
  stagednetworkpolicies: { family: 'policy', kind: 'StagedNetworkPolicy' },
  stagedglobalnetworkpolicies: { family: 'policy', kind: 'StagedGlobalNetworkPolicy' },
  stagedkubernetesnetworkpolicies: { family: 'policy', kind: 'StagedKubernetesNetworkPolicy' },
  networksets: { family: 'network-set', kind: 'NetworkSet' },
  globalnetworksets: { family: 'network-set', kind: 'GlobalNetworkSet' },
  hostendpoints: { family: 'host-endpoint', kind: 'HostEndpoint' },
  felixconfigurations: { family: 'felix-configuration', kind: 'FelixConfiguration' },
};

const RBAC_KINDS: Readonly<Record<string, { family: InventoryFamily; kind: string }>> = {
  roles: { family: 'role', kind: 'Role' },
  clusterroles: { family: 'role', kind: 'ClusterRole' },
  rolebindings: { family: 'role-binding', kind: 'RoleBinding' },
  clusterrolebindings: { family: 'role-binding', kind: 'ClusterRoleBinding' },
};

/** What a tracked object is, from its group and (kubectl-form or plain plural) resource. */
export function classifyInventoryObject(object: InventoryObject): InventoryClass | undefined {
  const plural = pluralOf(object.resource);
  const calicoCrd = object.apiGroup === 'crd.projectcalico.org';
  if (object.apiGroup === 'projectcalico.org' || calicoCrd) {
    const entry = Object.hasOwn(CALICO_KINDS, plural) ? CALICO_KINDS[plural] : undefined;
    return entry && { family: entry.family, kindHint: entry.kind, calicoCrd };
  }
  if (object.apiGroup === 'networking.k8s.io' && plural === 'networkpolicies') {
    return { family: 'policy', kindHint: 'KubernetesNetworkPolicy', calicoCrd: false };
  }
  if (object.apiGroup === 'rbac.authorization.k8s.io') {
    const entry = Object.hasOwn(RBAC_KINDS, plural) ? RBAC_KINDS[plural] : undefined;
    return entry && { family: entry.family, kindHint: entry.kind, calicoCrd: false };
  }
  if (object.apiGroup === '' && plural === 'namespaces') {
    return { family: 'namespace', kindHint: 'Namespace', calicoCrd: false };
  }
  return undefined;
}

/** "networkpolicies.projectcalico.org" and "networkpolicies" both give "networkpolicies". */
export function pluralOf(resource: string): string {
  const withoutSubresource = resource.split('/')[0] ?? '';
  return (withoutSubresource.split('.')[0] ?? '').toLowerCase();
}
