/**
 * Synthetic Calico and Kubernetes objects, written after the examples in the seed documents
 * (shared/seeds 001–003): not captured from a cluster. They carry the bookkeeping a real
 * API server adds (resourceVersion, uid, managedFields...) so that tests can show it is ignored.
 */

type Json = Record<string, unknown>;

/** A deep copy changed by `change`, for "the same object, edited" test cases. */
// biome-ignore lint/suspicious/noExplicitAny: a draft is untyped JSON that tests edit freely, as kubectl edit would.
export function edited<T>(object: T, change: (draft: any) => void): T {
  const draft = structuredClone(object);
  change(draft);
  return draft;
}

function bookkeeping(name: string, namespace?: string): Json {
  return {
    name,
    ...(namespace === undefined ? {} : { namespace }),
    uid: `00000000-0000-4000-8000-${name.length.toString().padStart(12, '0')}`,
    resourceVersion: '520443',
    generation: 3,
    creationTimestamp: '2025-01-10T09:00:00Z',
    managedFields: [
      { manager: 'kubectl', operation: 'Update', apiVersion: 'projectcalico.org/v3' },
    ],
  };
}

export const defaultDeny = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkPolicy',
  metadata: bookkeeping('default-deny'),
  spec: { order: 1000, selector: 'all()', types: ['Ingress', 'Egress'] },
};

export const allowDns = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkPolicy',
  metadata: bookkeeping('allow-dns'),
  spec: {
    order: 100,
    selector: 'all()',
    types: ['Egress'],
    egress: [
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
    ],
  },
};

export const namespaceIsolation = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkPolicy',
  metadata: bookkeeping('namespace-isolation'),
  spec: {
    order: 500,
    namespaceSelector: "tenant == 'true'",
    types: ['Ingress', 'Egress'],
    ingress: [
      {
        action: 'Allow',
        source: { namespaceSelector: 'projectcalico.org/name == "{{.Namespace}}"' },
      },
    ],
    egress: [
      {
        action: 'Allow',
        destination: { namespaceSelector: 'projectcalico.org/name == "{{.Namespace}}"' },
      },
    ],
  },
};

export const blockThreatFeeds = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkPolicy',
  metadata: bookkeeping('block-threat-feeds'),
  spec: {
    order: 50,
    selector: 'all()',
    types: ['Egress'],
    egress: [{ action: 'Deny', destination: { selector: "threat-feed == 'malicious'" } }],
  },
};

export const backendEgress = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'NetworkPolicy',
  metadata: bookkeeping('backend-egress', 'production'),
  spec: {
    order: 200,
    selector: "app == 'backend'",
    types: ['Egress'],
    egress: [
      { action: 'Allow', protocol: 'TCP', destination: { nets: ['10.0.0.0/8'], ports: [5432] } },
      {
        action: 'Allow',
        protocol: 'TCP',
        destination: { domains: ['api.stripe.com'], ports: [443] },
      },
    ],
  },
};

/** The seed's "selects pods with no rules" Kubernetes default deny. */
export const kubernetesDefaultDeny = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: bookkeeping('default-deny-all', 'production'),
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
};

export const kubernetesAllowFrontend = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: bookkeeping('allow-frontend', 'production'),
  spec: {
    podSelector: { matchLabels: { app: 'backend' } },
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: [{ podSelector: { matchLabels: { app: 'frontend' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ],
  },
};

export const stagedBackendEgress = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'StagedNetworkPolicy',
  metadata: bookkeeping('backend-egress', 'production'),
  spec: { ...backendEgress.spec, stagedAction: 'Set' },
};

/** Seed 001's "security tier" guardrail, evaluated before the platform tier. */
export const securityTier = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'Tier',
  metadata: bookkeeping('security'),
  spec: { order: 100, defaultAction: 'Deny' },
};

export const platformTier = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'Tier',
  metadata: bookkeeping('platform'),
  spec: { order: 200 },
};

/** Seed 002's GlobalNetworkSet, labelled so that block-threat-feeds' selector matches it. */
export const knownBadIps = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'GlobalNetworkSet',
  metadata: { ...bookkeeping('known-bad-ips'), labels: { 'threat-feed': 'malicious' } },
  spec: { nets: ['198.51.100.0/24', '203.0.113.0/24'] },
};

export const partnerNets = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'NetworkSet',
  metadata: { ...bookkeeping('partner-nets', 'production'), labels: { role: 'partner' } },
  spec: { nets: ['10.20.0.0/16'] },
};

export const workerHostEndpoint = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'HostEndpoint',
  metadata: { ...bookkeeping('worker-1-eth0'), labels: { role: 'worker' } },
  spec: { node: 'worker-1', interfaceName: 'eth0', expectedIPs: ['192.168.1.21'], profiles: [] },
};

export const felixDefault = {
  apiVersion: 'projectcalico.org/v3',
  kind: 'FelixConfiguration',
  metadata: bookkeeping('default'),
  spec: { wireguardEnabled: true, bpfEnabled: false, logSeverityScreen: 'Info' },
};

/** Seed 002's tier-default-reader ClusterRole. */
export const tierDefaultReader = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: bookkeeping('tier-default-reader'),
  rules: [
    {
      apiGroups: ['projectcalico.org'],
      resources: ['tiers'],
      resourceNames: ['default'],
      verbs: ['get'],
    },
    {
      apiGroups: ['projectcalico.org'],
      resources: ['tier.networkpolicies'],
      resourceNames: ['default.*'],
      verbs: ['get', 'list'],
    },
  ],
};

export const netAdminsBinding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: bookkeeping('net-admins'),
  roleRef: {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: 'tier-default-reader',
  },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'net-admins' }],
};

export const tenantNamespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    ...bookkeeping('team-a'),
    labels: { tenant: 'true', 'kubernetes.io/metadata.name': 'team-a' },
  },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
};
