import { syntheticAuditEvent } from './synthetic-audit-event';

/**
 * A synthetic week in the life of a Calico cluster, as audit events: a security tier with a
 * default deny and DNS first, an application tier, RBAC for the network-security team, a denied
 * attempt, a risky widening, a namespace deletion, WireGuard switched off and a fail-open tier.
 * Every object and name here is made up.
 */

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  uid: `synthetic-uid-${name}`,
  resourceVersion: '1',
  ...extra,
});

const tier = (name: string, order: number, defaultAction: 'Deny' | 'Pass') => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'Tier',
  metadata: meta(name),
  spec: { order, defaultAction },
});

const gnp = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkPolicy',
  metadata: meta(name),
  spec,
});

const defaultDeny = gnp('default-deny', {
  tier: 'security',
  order: 1000,
  selector: "projectcalico.org/namespace not in {'kube-system', 'calico-system'}",
  types: ['Ingress', 'Egress'],
});

const dnsRules = [
  {
    action: 'Allow',
    protocol: 'UDP',
    destination: { selector: "k8s-app == 'kube-dns'", ports: [53] },
  },
  {
    action: 'Allow',
    protocol: 'TCP',
    destination: { selector: "k8s-app == 'kube-dns'", ports: [53] },
  },
];
const dnsSpec = { tier: 'security', order: 100, selector: 'all()', types: ['Egress'] };
const allowDns = gnp('allow-dns', { ...dnsSpec, egress: dnsRules });
const allowDnsWidened = {
  ...gnp('allow-dns', {
    ...dnsSpec,
    egress: [...dnsRules, { action: 'Allow', destination: { nets: ['0.0.0.0/0'] } }],
  }),
  metadata: meta('allow-dns', { resourceVersion: '2' }),
};

const paymentsPolicy = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'NetworkPolicy',
  metadata: meta('payments-ingress', { namespace: 'payments' }),
  spec: {
    tier: 'application',
    order: 200,
    selector: "app == 'payments'",
    types: ['Ingress'],
    ingress: [
      {
        action: 'Allow',
        protocol: 'TCP',
        source: { selector: "app == 'checkout'" },
        destination: { ports: [8443] },
      },
    ],
  },
};

const k8sPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: meta('default-deny-ingress', { namespace: 'payments' }),
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
};

const tierEditorRole = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: meta('tier-security-editor'),
  rules: [
    {
      apiGroups: ['projectcalico.org'],
      resources: ['tiers'],
      resourceNames: ['security'],
      verbs: ['get'],
    },
    {
      apiGroups: ['projectcalico.org'],
      resources: ['tier.globalnetworkpolicies', 'tier.networkpolicies'],
      resourceNames: ['security.*'],
      verbs: ['*'],
    },
  ],
};

const tierEditorBinding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: meta('netsec-edits-security'),
  roleRef: {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: 'tier-security-editor',
  },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'netsec' }],
};

const namespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: meta('payments', { labels: { tenant: 'true' } }),
};

const felix = (wireguardEnabled: boolean) => ({
  apiVersion: 'projectcalico.org/v3',
  kind: 'FelixConfiguration',
  metadata: meta('default'),
  spec: { wireguardEnabled },
});

const NETSEC = ['netsec', 'system:authenticated'];

/** The story's audit events, oldest first, starting at `start` (RFC 3339). */
export function demoStory(start = '2026-03-02T09:00:00.000000Z'): Array<Record<string, unknown>> {
  const t0 = Date.parse(start);
  const at = (minutes: number) =>
    `${new Date(t0 + minutes * 60_000).toISOString().slice(0, 19)}.000000Z`;
  const calico = { apiGroup: 'projectcalico.org' };
  const rbac = { apiGroup: 'rbac.authorization.k8s.io' };
  return [
    syntheticAuditEvent({
      ...calico,
      verb: 'create',
      resource: 'tiers',
      name: 'security',
      user: 'alice@example.com',
      groups: NETSEC,
      code: 201,
      requestObject: tier('security', 100, 'Deny'),
      responseObject: tier('security', 100, 'Deny'),
      at: at(0),
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'create',
      resource: 'globalnetworkpolicies',
      name: 'allow-dns',
      user: 'alice@example.com',
      groups: NETSEC,
      code: 201,
      requestObject: allowDns,
      responseObject: allowDns,
      at: at(5),
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'create',
      resource: 'globalnetworkpolicies',
      name: 'default-deny',
      user: 'alice@example.com',
      groups: NETSEC,
      code: 201,
      requestObject: defaultDeny,
      responseObject: defaultDeny,
      at: at(10),
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'create',
      resource: 'tiers',
      name: 'application',
      user: 'alice@example.com',
      groups: NETSEC,
      code: 201,
      requestObject: tier('application', 500, 'Deny'),
      responseObject: tier('application', 500, 'Deny'),
      at: at(15),
    }),
    syntheticAuditEvent({
      ...rbac,
      verb: 'create',
      resource: 'clusterroles',
      name: 'tier-security-editor',
      user: 'alice@example.com',
      groups: NETSEC,
      code: 201,
      requestObject: tierEditorRole,
      responseObject: tierEditorRole,
      at: at(20),
    }),
    syntheticAuditEvent({
      ...rbac,
      verb: 'create',
      resource: 'clusterrolebindings',
      name: 'netsec-edits-security',
      user: 'alice@example.com',
      groups: NETSEC,
      code: 201,
      requestObject: tierEditorBinding,
      responseObject: tierEditorBinding,
      at: at(21),
    }),
    syntheticAuditEvent({
      apiGroup: '',
      verb: 'create',
      resource: 'namespaces',
      name: 'payments',
      user: 'carol@example.com',
      code: 201,
      requestObject: namespace,
      responseObject: namespace,
      at: at(30),
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'create',
      resource: 'networkpolicies',
      namespace: 'payments',
      name: 'payments-ingress',
      user: 'carol@example.com',
      code: 201,
      requestObject: paymentsPolicy,
      responseObject: paymentsPolicy,
      at: at(35),
    }),
    syntheticAuditEvent({
      apiGroup: 'networking.k8s.io',
      verb: 'create',
      resource: 'networkpolicies',
      namespace: 'payments',
      name: 'default-deny-ingress',
      user: 'carol@example.com',
      code: 201,
      requestObject: k8sPolicy,
      responseObject: k8sPolicy,
      at: at(36),
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'patch',
      resource: 'tiers',
      name: 'security',
      user: 'bob@example.com',
      groups: ['developers', 'system:authenticated'],
      code: 403,
      level: 'Metadata',
      at: at(60),
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'update',
      resource: 'globalnetworkpolicies',
      name: 'allow-dns',
      user: 'mallory@example.com',
      groups: NETSEC,
      code: 200,
      requestObject: allowDnsWidened,
      responseObject: allowDnsWidened,
      sourceIP: '203.0.113.50',
      at: at(24 * 60),
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'patch',
      resource: 'felixconfigurations',
      name: 'default',
      user: 'mallory@example.com',
      groups: NETSEC,
      code: 200,
      query: 'fieldManager=kubectl-patch',
      requestObject: { spec: { wireguardEnabled: false } },
      responseObject: felix(false),
      at: at(24 * 60 + 5),
    }),
    syntheticAuditEvent({
      apiGroup: '',
      verb: 'delete',
      resource: 'namespaces',
      name: 'payments',
      user: 'carol@example.com',
      code: 200,
      level: 'Request',
      at: at(2 * 24 * 60),
    }),
    syntheticAuditEvent({
      ...calico,
      verb: 'patch',
      resource: 'tiers',
      name: 'security',
      user: 'alice@example.com',
      groups: NETSEC,
      code: 200,
      query: 'fieldManager=kubectl-edit',
      requestObject: { spec: { defaultAction: 'Pass' } },
      responseObject: tier('security', 100, 'Pass'),
      at: at(3 * 24 * 60),
    }),
  ];
}
