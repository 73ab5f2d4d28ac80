/** Builders for synthetic Kubernetes RBAC objects in `kubectl get -o json` shape, for tests and the bench. */

export interface RawRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

export type RawSubject =
  | { kind: 'User' | 'Group'; apiGroup: 'rbac.authorization.k8s.io'; name: string }
  | { kind: 'ServiceAccount'; apiGroup: ''; name: string; namespace?: string };

export const user = (name: string): RawSubject => ({
  kind: 'User',
  apiGroup: 'rbac.authorization.k8s.io',
  name,
});
export const group = (name: string): RawSubject => ({
  kind: 'Group',
  apiGroup: 'rbac.authorization.k8s.io',
  name,
});
export const serviceAccount = (name: string, namespace?: string): RawSubject => ({
  kind: 'ServiceAccount',
  apiGroup: '',
  name,
  ...(namespace !== undefined ? { namespace } : {}),
});

export function rule(
  verbs: string[],
  apiGroups: string[],
  resources: string[],
  resourceNames?: string[],
): RawRule {
  return { verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) };
}

/** `rule` for projectcalico.org, the group nearly every case here is about. */
export const calico = (verbs: string[], resources: string[], resourceNames?: string[]): RawRule =>
  rule(verbs, ['projectcalico.org'], resources, resourceNames);

export function clusterRole(
  name: string,
  rules: RawRule[],
  extra: {
    labels?: Record<string, string>;
    aggregate?: { matchLabels?: Record<string, string> }[];
  } = {},
) {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) },
    rules,
    ...(extra.aggregate ? { aggregationRule: { clusterRoleSelectors: extra.aggregate } } : {}),
  };
}

export function role(namespace: string, name: string, rules: RawRule[]) {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { namespace, name },
    rules,
  };
}

export function clusterRoleBinding(
  name: string,
  roleRef: string | { kind: 'Role' | 'ClusterRole'; name: string },
  subjects: RawSubject[],
) {
  const ref = typeof roleRef === 'string' ? { kind: 'ClusterRole', name: roleRef } : roleRef;
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...ref },
    subjects,
  };
}

export function roleBinding(
  namespace: string,
  name: string,
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string },
  subjects: RawSubject[],
) {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { namespace, name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
}

export function tier(name: string, order?: number) {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'Tier',
    metadata: { name },
    spec: { ...(order !== undefined ? { order } : {}), defaultAction: 'Deny' },
  };
}

/** The operator's passthrough (B.2): every verb on the four tiered kinds, bound to system:authenticated. */
export function passthrough(verbs: string[] = ['*']) {
  return [
    clusterRole('calico-tiered-policy-passthrough', [
      calico(verbs, [
        'networkpolicies',
        'globalnetworkpolicies',
        'stagednetworkpolicies',
        'stagedglobalnetworkpolicies',
      ]),
    ]),
    clusterRoleBinding('calico-tiered-policy-passthrough', 'calico-tiered-policy-passthrough', [
      group('system:authenticated'),
    ]),
  ];
}
