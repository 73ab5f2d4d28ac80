import { syntheticAuditEvent } from './synthetic-audit-event';

/** The ClusterRole Calico's operator installs so that the base RBAC check on policy kinds passes for everyone. */
export const TIERED_POLICY_PASSTHROUGH_ROLE = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'calico-tiered-policy-passthrough' },
  rules: [
    {
      apiGroups: ['projectcalico.org'],
      resources: [
        'networkpolicies',
        'globalnetworkpolicies',
        'stagednetworkpolicies',
        'stagedglobalnetworkpolicies',
      ],
      verbs: ['*'],
    },
  ],
};

export const TIERED_POLICY_PASSTHROUGH_BINDING = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'calico-tiered-policy-passthrough' },
  roleRef: {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: 'calico-tiered-policy-passthrough',
  },
  subjects: [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' },
  ],
};

/**
 * Synthetic audit events of the operator installing the passthrough role and its binding, one
 * second apart from `at`: without them nobody passes the base check and no tier has an editor.
 */
export function tieredPolicyPassthroughEvents(at: string): Array<Record<string, unknown>> {
  const second = `${new Date(Date.parse(at) + 1_000).toISOString().slice(0, 19)}.000000Z`;
  const common = { apiGroup: 'rbac.authorization.k8s.io', user: 'system:operator', code: 201 };
  return [
    syntheticAuditEvent({
      ...common,
      verb: 'create',
      resource: 'clusterroles',
      name: TIERED_POLICY_PASSTHROUGH_ROLE.metadata.name,
      requestObject: TIERED_POLICY_PASSTHROUGH_ROLE,
      responseObject: TIERED_POLICY_PASSTHROUGH_ROLE,
      at,
    }),
    syntheticAuditEvent({
      ...common,
      verb: 'create',
      resource: 'clusterrolebindings',
      name: TIERED_POLICY_PASSTHROUGH_BINDING.metadata.name,
      requestObject: TIERED_POLICY_PASSTHROUGH_BINDING,
      responseObject: TIERED_POLICY_PASSTHROUGH_BINDING,
      at: second,
    }),
  ];
}
