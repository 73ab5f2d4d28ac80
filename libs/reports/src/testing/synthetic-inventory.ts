/**
 * Synthetic Calico, Kubernetes and RBAC objects for posture tests, written after the seed
 * documents' examples (shared/seeds 000–003): none is captured from a cluster. Builders wrap them
 * as the ledger's InventoryObjects; two whole clusters show the two ends of the scale.
 */
import type { PostureInputs } from '../posture-inputs';
import type { AccessEntry, InventoryObject, Subject, TierAccess } from '../report-model';

export type Json = Record<string, unknown>;

export const SYNTHETIC_CLUSTER = 'synthetic-prod';
export const SYNTHETIC_PERIOD_END = '2026-03-31T00:00:00Z';
const DEFAULT_SINCE = '2026-03-02T10:00:00Z';

/** A deep copy changed by `change`, for "the same object, edited" cases. */
// biome-ignore lint/suspicious/noExplicitAny: a draft is untyped JSON that tests edit freely, as kubectl edit would.
export function edited<T>(object: T, change: (draft: any) => void): T {
  const draft = structuredClone(object);
  change(draft);
  return draft;
}

const PLURALS: Readonly<Record<string, string>> = {
  Tier: 'tiers',
  NetworkPolicy: 'networkpolicies',
  GlobalNetworkPolicy: 'globalnetworkpolicies',
  StagedNetworkPolicy: 'stagednetworkpolicies',
  StagedGlobalNetworkPolicy: 'stagedglobalnetworkpolicies',
  StagedKubernetesNetworkPolicy: 'stagedkubernetesnetworkpolicies',
  NetworkSet: 'networksets',
  GlobalNetworkSet: 'globalnetworksets',
  HostEndpoint: 'hostendpoints',
  FelixConfiguration: 'felixconfigurations',
  Namespace: 'namespaces',
  Role: 'roles',
  ClusterRole: 'clusterroles',
  RoleBinding: 'rolebindings',
  ClusterRoleBinding: 'clusterrolebindings',
};

interface TrackedFields {
  cluster?: string;
  version?: number;
  since?: string;
  auditId?: string;
  positions?: number[];
}

/** A stable made-up ledger position per object, so the same fixture always gives the same report. */
function positionOf(...parts: ReadonlyArray<string | undefined>): number {
  let hash = 5381;
  for (const char of parts.join('/')) hash = (hash * 33 + char.charCodeAt(0)) % 1_000_003;
  return hash;
}

/** The ledger's view of an object of known state: group and kubectl-form resource from apiVersion and kind. */
export function tracked(object: Json, fields: TrackedFields = {}): InventoryObject {
  const apiVersion = String(object.apiVersion ?? '');
  const apiGroup = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const kind = String(object.kind ?? '');
  const metadata = (object.metadata ?? {}) as Json;
  const position = positionOf(
    fields.cluster,
    apiGroup,
    kind,
    String(metadata.namespace ?? ''),
    String(metadata.name ?? ''),
  );
  return {
    cluster: fields.cluster ?? SYNTHETIC_CLUSTER,
    apiGroup,
    resource: kubectlResource(kind, apiGroup),
    kind,
    ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
    name: String(metadata.name ?? ''),
    object,
    version: fields.version ?? 3,
    since: fields.since ?? DEFAULT_SINCE,
    stateKnown: true,
    auditId: fields.auditId ?? `synthetic-audit-${position}`,
    positions: fields.positions ?? [position],
  };
}

/** An object the ledger tracks but whose state it could not replay (a Metadata-level patch). */
export function trackedUnknown(
  kind: string,
  apiGroup: string,
  name: string,
  namespace?: string,
  fields: TrackedFields = {},
): InventoryObject {
  return {
    cluster: fields.cluster ?? SYNTHETIC_CLUSTER,
    apiGroup,
    resource: kubectlResource(kind, apiGroup),
    kind,
    ...(namespace === undefined ? {} : { namespace }),
    name,
    object: null,
    version: fields.version ?? 5,
    since: fields.since ?? DEFAULT_SINCE,
    stateKnown: false,
    unknownSince: fields.since ?? DEFAULT_SINCE,
    positions: fields.positions ?? [positionOf(fields.cluster, apiGroup, kind, namespace, name)],
  };
}

function kubectlResource(kind: string, apiGroup: string): string {
  const plural = PLURALS[kind] ?? `${kind.toLowerCase()}s`;
  return apiGroup === '' ? plural : `${plural}.${apiGroup}`;
}

function meta(name: string, namespace?: string, labels?: Record<string, string>): Json {
  return {
    name,
    ...(namespace === undefined ? {} : { namespace }),
    ...(labels === undefined ? {} : { labels }),
    uid: `00000000-0000-4000-8000-${String(name.length).padStart(12, '0')}`,
    resourceVersion: '520443',
    creationTimestamp: '2025-01-10T09:00:00Z',
  };
}

export function calico(
  kind: string,
  name: string,
  spec: Json,
  namespace?: string,
  labels?: Record<string, string>,
): Json {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind,
    metadata: meta(name, namespace, labels),
    spec,
  };
}

export function kubernetesPolicy(name: string, namespace: string, spec: Json): Json {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(name, namespace),
    spec,
  };
}

export function namespace(name: string, labels: Record<string, string> = {}): Json {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: meta(name, undefined, labels) };
}

export function clusterRole(name: string, rules: Json[]): Json {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta(name),
    rules,
  };
}

export function clusterRoleBinding(name: string, role: string, subjects: Json[]): Json {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: meta(name),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects,
  };
}

export const group = (name: string): Json => ({
  kind: 'Group',
  apiGroup: 'rbac.authorization.k8s.io',
  name,
});
export const user = (name: string): Json => ({
  kind: 'User',
  apiGroup: 'rbac.authorization.k8s.io',
  name,
});
export const serviceAccount = (namespaceName: string, name: string): Json => ({
  kind: 'ServiceAccount',
  name,
  namespace: namespaceName,
});

const SYSTEM_NAMESPACE_LIST =
  "'kube-system', 'kube-public', 'kube-node-lease', 'calico-system', 'calico-apiserver', 'tigera-operator'";

// Seed 003 objects.

export const defaultDeny = calico('GlobalNetworkPolicy', 'default-deny', {
  order: 1000,
  selector: `projectcalico.org/namespace not in {${SYSTEM_NAMESPACE_LIST}}`,
  types: ['Ingress', 'Egress'],
});

export const defaultDenyAll = calico('GlobalNetworkPolicy', 'default-deny', {
  order: 1000,
  selector: 'all()',
  types: ['Ingress', 'Egress'],
});

const dnsDestination = {
  selector: "k8s-app == 'kube-dns'",
  namespaceSelector: "projectcalico.org/name == 'kube-system'",
  ports: [53],
};

export const allowDns = calico('GlobalNetworkPolicy', 'allow-dns', {
  order: 100,
  selector: 'all()',
  types: ['Egress'],
  egress: [
    { action: 'Allow', protocol: 'UDP', destination: dnsDestination },
    { action: 'Allow', protocol: 'TCP', destination: dnsDestination },
  ],
});

export const namespaceIsolation = calico('GlobalNetworkPolicy', 'namespace-isolation', {
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
});

export const blockThreatFeeds = calico('GlobalNetworkPolicy', 'block-threat-feeds', {
  order: 50,
  selector: 'all()',
  types: ['Egress'],
  egress: [{ action: 'Deny', destination: { selector: "threat-feed == 'malicious'" } }],
});

export const backendEgress = calico(
  'NetworkPolicy',
  'backend-egress',
  {
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
  'production',
);

export const kubernetesAllowFrontend = kubernetesPolicy('allow-frontend', 'production', {
  podSelector: { matchLabels: { app: 'backend' } },
  policyTypes: ['Ingress'],
  ingress: [
    {
      from: [{ podSelector: { matchLabels: { app: 'frontend' } } }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    },
  ],
});

/** Seed 000's "default-deny" Kubernetes NetworkPolicy (matchLabels {}: every pod of the namespace). */
export function kubernetesDefaultDeny(
  namespaceName: string,
  policyTypes: string[] = ['Ingress', 'Egress'],
): Json {
  return kubernetesPolicy('default-deny', namespaceName, { podSelector: {}, policyTypes });
}

// Seed 001 and 000 tiers.

export const securityTier = calico('Tier', 'security', { order: 100, defaultAction: 'Deny' });
export const platformTier = calico('Tier', 'platform', { order: 200, defaultAction: 'Deny' });
export const sgLocalTier = calico('Tier', 'sg-local', { order: 106, defaultAction: 'Pass' });

// Seed 002 objects.

export const knownBadIps = calico(
  'GlobalNetworkSet',
  'known-bad-ips',
  { nets: ['198.51.100.0/24', '203.0.113.0/24'] },
  undefined,
  { 'threat-feed': 'malicious' },
);

export const partnerNets = calico(
  'NetworkSet',
  'partner-nets',
  { nets: ['10.20.0.0/16'] },
  'production',
  { role: 'partner' },
);

export const workerHostEndpoint = calico(
  'HostEndpoint',
  'worker-1-eth0',
  { node: 'worker-1', interfaceName: 'eth0', expectedIPs: ['192.168.1.21'], profiles: [] },
  undefined,
  { role: 'worker' },
);

export const hostProtection = calico('GlobalNetworkPolicy', 'host-protection', {
  order: 150,
  selector: "role == 'worker'",
  types: ['Ingress'],
  ingress: [
    {
      action: 'Allow',
      protocol: 'TCP',
      source: { nets: ['10.0.0.0/8'] },
      destination: { ports: [22, 10250] },
    },
  ],
});

export const felixWireguardOn = calico('FelixConfiguration', 'default', {
  wireguardEnabled: true,
  bpfEnabled: false,
});
export const felixWireguardOff = calico('FelixConfiguration', 'default', {
  wireguardEnabled: false,
});

export const tierSecurityEditor = clusterRole('tier-security-editor', [
  {
    apiGroups: ['projectcalico.org'],
    resources: ['tiers'],
    resourceNames: ['security'],
    verbs: ['get'],
  },
  {
    apiGroups: ['projectcalico.org'],
    resources: ['tier.networkpolicies', 'tier.globalnetworkpolicies'],
    resourceNames: ['security.*'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
]);

export const tierDefaultReader = clusterRole('tier-default-reader', [
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
]);

export const clusterAdmin = clusterRole('cluster-admin', [
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
  { nonResourceURLs: ['*'], verbs: ['*'] },
]);

function accessEntry(
  subject: Subject,
  via: string,
  verbs = ['create', 'update', 'patch', 'delete'],
): AccessEntry {
  return {
    subject,
    verbs,
    kinds: ['networkpolicies', 'globalnetworkpolicies'],
    scope: 'cluster',
    names: 'all',
    via: [via],
  };
}

export function tierAccess(tier: string, fields: Partial<TierAccess> = {}): TierAccess {
  return {
    cluster: SYNTHETIC_CLUSTER,
    tier,
    policyEditors: [],
    tierModifiers: [],
    indirect: [],
    caveats: [],
    gained: [],
    lost: [],
    ...fields,
  };
}

const netsecTeam: Subject = { kind: 'Group', name: 'netsec-team' };

/** A cluster run as the seeds advise: no high or critical finding. */
export function wellRunCluster(): PostureInputs {
  return {
    cluster: SYNTHETIC_CLUSTER,
    at: SYNTHETIC_PERIOD_END,
    inventory: [
      securityTier,
      platformTier,
      blockThreatFeeds,
      allowDns,
      hostProtection,
      backendEgress,
      namespaceIsolation,
      defaultDeny,
      kubernetesAllowFrontend,
      knownBadIps,
      partnerNets,
      workerHostEndpoint,
      felixWireguardOn,
      namespace('production', { tenant: 'true' }),
      namespace('payments', { tenant: 'true' }),
      namespace('kube-system'),
      tierSecurityEditor,
      tierDefaultReader,
      clusterAdmin,
      clusterRoleBinding('netsec-edits', 'tier-security-editor', [group('netsec-team')]),
      clusterRoleBinding('developers-read-default', 'tier-default-reader', [group('developers')]),
      clusterRoleBinding('cluster-admin', 'cluster-admin', [group('system:masters')]),
    ].map((object) => tracked(object)),
    tierAccess: [
      tierAccess('security', {
        policyEditors: [
          accessEntry(
            netsecTeam,
            'ClusterRoleBinding netsec-edits → ClusterRole tier-security-editor (rule 2)',
          ),
        ],
      }),
      tierAccess('default', {
        policyEditors: [
          accessEntry(
            netsecTeam,
            'ClusterRoleBinding netsec-edits → ClusterRole tier-security-editor (rule 2)',
          ),
        ],
      }),
    ],
  };
}

/** A cluster that gets every practice wrong at least once. */
export function neglectedCluster(): PostureInputs {
  const allNamespaces = { namespaceSelector: 'all()' };
  return {
    cluster: SYNTHETIC_CLUSTER,
    at: SYNTHETIC_PERIOD_END,
    inventory: [
      tracked(calico('Tier', 'platform', { order: 200, defaultAction: 'Pass' })),
      tracked(sgLocalTier),
      tracked(
        calico('GlobalNetworkPolicy', 'allow-web', {
          tier: 'platform',
          order: 100,
          selector: 'all()',
          ...allNamespaces,
          types: ['Ingress'],
          ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } }],
        }),
      ),
      tracked(
        calico('GlobalNetworkPolicy', 'deny-web-from-partner', {
          tier: 'platform',
          order: 200,
          selector: 'all()',
          ...allNamespaces,
          types: ['Ingress'],
          ingress: [
            {
              action: 'Deny',
              protocol: 'TCP',
              source: { nets: ['203.0.113.0/24'] },
              destination: { ports: [443] },
            },
          ],
        }),
      ),
      tracked(
        calico('GlobalNetworkPolicy', 'allow-all-ingress', {
          order: 10,
          selector: 'all()',
          ...allNamespaces,
          types: ['Ingress'],
          ingress: [{ action: 'Allow' }],
        }),
      ),
      tracked(
        calico('GlobalNetworkPolicy', 'allow-egress-anywhere', {
          order: 300,
          selector: 'all()',
          namespaceSelector: "projectcalico.org/name in {'production', 'legacy'}",
          types: ['Egress'],
          egress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } }],
        }),
      ),
      tracked(kubernetesDefaultDeny('legacy', ['Egress'])),
      tracked(kubernetesAllowFrontend),
      tracked(
        calico('StagedGlobalNetworkPolicy', 'default-deny', {
          order: 1000,
          selector: 'all()',
          types: ['Ingress', 'Egress'],
        }),
        { since: '2026-01-15T08:00:00Z', version: 1 },
      ),
      tracked(knownBadIps),
      tracked(workerHostEndpoint),
      tracked(felixWireguardOff),
      ...['production', 'legacy', 'web', 'kube-system'].map((name) => tracked(namespace(name))),
      tracked(
        clusterRole('calico-admin', [
          { apiGroups: ['projectcalico.org'], resources: ['*'], verbs: ['*'] },
        ]),
      ),
      tracked(clusterRoleBinding('calico-admins', 'calico-admin', [user('alice@example.com')])),
      tracked(
        clusterRole('rbac-manager', [
          {
            apiGroups: ['rbac.authorization.k8s.io'],
            resources: ['clusterroles', 'clusterrolebindings'],
            verbs: ['bind', 'escalate', 'get'],
          },
        ]),
      ),
      tracked(clusterRoleBinding('ci-rbac', 'rbac-manager', [serviceAccount('ci', 'deployer')])),
      tracked(
        clusterRole('tier-default-editor', [
          {
            apiGroups: ['projectcalico.org'],
            resources: ['tier.networkpolicies'],
            resourceNames: ['default.*'],
            verbs: ['create', 'update', 'patch', 'delete'],
          },
        ]),
      ),
      tracked(
        clusterRoleBinding('everyone-edits-default', 'tier-default-editor', [
          group('system:authenticated'),
        ]),
      ),
    ],
    tierAccess: [
      tierAccess('default', {
        policyEditors: [
          accessEntry(
            { kind: 'Group', name: 'system:authenticated' },
            'ClusterRoleBinding everyone-edits-default → ClusterRole tier-default-editor (rule 1)',
          ),
        ],
        indirect: [
          {
            subject: { kind: 'User', name: 'bob@example.com' },
            path: 'impersonate',
            detail: 'ClusterRole impersonator lets bob impersonate any user',
          },
          {
            subject: { kind: 'ServiceAccount', name: 'flux', namespace: 'gitops' },
            path: 'crd-write',
            detail: 'ClusterRole flux-crds writes networkpolicies.crd.projectcalico.org',
          },
        ],
      }),
      tierAccess('sg-local', {
        policyEditors: [
          accessEntry(
            { kind: 'Group', name: 'developers' },
            'ClusterRoleBinding dev-all-tiers → ClusterRole tier-all-editor (rule 1)',
          ),
        ],
      }),
    ],
  };
}

/** Posture inputs for a handful of objects: raw objects are tracked with known state. */
export function syntheticInputs(
  objects: ReadonlyArray<Json | InventoryObject>,
  extra: Partial<Omit<PostureInputs, 'inventory'>> = {},
): PostureInputs {
  return {
    cluster: SYNTHETIC_CLUSTER,
    at: SYNTHETIC_PERIOD_END,
    tierAccess: [],
    ...extra,
    inventory: objects.map((object) => (isInventoryObject(object) ? object : tracked(object))),
  };
}

function isInventoryObject(object: Json | InventoryObject): object is InventoryObject {
  return typeof object.stateKnown === 'boolean' && 'positions' in object;
}

export const globalPolicy = (name: string, spec: Json): Json =>
  calico('GlobalNetworkPolicy', name, spec);
export const namespacedPolicy = (name: string, namespaceName: string, spec: Json): Json =>
  calico('NetworkPolicy', name, spec, namespaceName);
