/**
 * Synthetic audit events, in wire format (as kube-apiserver or the Calico API server writes them),
 * for what the real samples lack: Calico and networking.k8s.io policies, 409/422, dry runs, 401,
 * Panic, patch flavours, envelopes and EventList batches. Shapes follow the audit-events spec
 * (§1.1, §1.6, §1.7); every value here is made up.
 */

export type SyntheticWireEvent = Record<string, unknown>;

const SYNTHETIC_ADMIN = {
  username: 'alice@example.com',
  uid: 'oidc:alice',
  groups: ['platform-admins', 'system:authenticated'],
  extra: { 'authentication.kubernetes.io/credential-id': ['JTI=synthetic'] },
};

/** A v1 RequestResponse ResponseComplete event; override any member, or drop it with undefined. */
export function syntheticWireEvent(overrides: SyntheticWireEvent = {}): SyntheticWireEvent {
  const event: SyntheticWireEvent = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'RequestResponse',
    auditID: 'synthetic-0000-0000-0000-000000000001',
    stage: 'ResponseComplete',
    requestURI: '/apis/projectcalico.org/v3/globalnetworkpolicies',
    verb: 'create',
    user: SYNTHETIC_ADMIN,
    sourceIPs: ['10.0.0.8'],
    userAgent: 'kubectl/v1.33.1 (linux/amd64) kubernetes/synthetic',
    objectRef: {
      resource: 'globalnetworkpolicies',
      name: 'default.synthetic-policy',
      apiGroup: 'projectcalico.org',
      apiVersion: 'v3',
    },
    responseStatus: { metadata: {}, code: 201 },
    requestReceivedTimestamp: '2026-03-01T10:00:00.123456Z',
    stageTimestamp: '2026-03-01T10:00:00.234567Z',
    annotations: {
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason':
        'RBAC: allowed by ClusterRoleBinding "platform-admins" of ClusterRole "cluster-admin" to Group "platform-admins"',
    },
    ...overrides,
  };
  for (const [key, value] of Object.entries(event)) if (value === undefined) delete event[key];
  return event;
}

/** The wire text of an event: one line, as the log backend writes it. */
export function syntheticLine(event: SyntheticWireEvent): string {
  return JSON.stringify(event);
}

const SYNTHETIC_GNP_SPEC = {
  tier: 'default',
  order: 100,
  selector: "projectcalico.org/namespace == 'payments'",
  types: ['Ingress'],
  ingress: [{ action: 'Allow', source: { nets: ['10.10.0.0/16'] } }],
};

/** Shaped after the Calico Enterprise export of spec §1.7 (v1beta1, tier-prefixed name, trailing-slash resourceVersion). */
export const SYNTHETIC_CALICO_GNP_CREATE = syntheticWireEvent({
  apiVersion: 'audit.k8s.io/v1beta1',
  auditID: 'synthetic-gnp-create',
  requestURI: '/apis/projectcalico.org/v3/globalnetworkpolicies',
  objectRef: {
    resource: 'globalnetworkpolicies',
    name: 'default.test-audit-global-policy',
    apiGroup: 'projectcalico.org',
    apiVersion: 'v3',
  },
  requestObject: {
    kind: 'GlobalNetworkPolicy',
    apiVersion: 'projectcalico.org/v3',
    metadata: { name: 'default.test-audit-global-policy', creationTimestamp: null },
    spec: SYNTHETIC_GNP_SPEC,
  },
  responseObject: {
    kind: 'GlobalNetworkPolicy',
    apiVersion: 'projectcalico.org/v3',
    metadata: {
      name: 'default.test-audit-global-policy',
      uid: 'synthetic-uid-gnp',
      resourceVersion: '520443/',
      creationTimestamp: '2026-03-01T10:00:00Z',
      labels: { 'projectcalico.org/tier': 'default' },
    },
    spec: SYNTHETIC_GNP_SPEC,
  },
});

export const SYNTHETIC_CALICO_NETWORK_POLICY_UPDATE = syntheticWireEvent({
  auditID: 'synthetic-np-update',
  verb: 'update',
  requestURI: '/apis/projectcalico.org/v3/namespaces/payments/networkpolicies/default.allow-dns',
  objectRef: {
    resource: 'networkpolicies',
    namespace: 'payments',
    name: 'default.allow-dns',
    uid: 'synthetic-uid-np',
    apiGroup: 'projectcalico.org',
    apiVersion: 'v3',
    resourceVersion: '520500/',
  },
  requestObject: {
    kind: 'NetworkPolicy',
    apiVersion: 'projectcalico.org/v3',
    metadata: { name: 'default.allow-dns', namespace: 'payments', resourceVersion: '520500/' },
    spec: { tier: 'default', selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow' }] },
  },
  responseStatus: { metadata: {}, code: 200 },
});

export const SYNTHETIC_TIER_JSON_PATCH = syntheticWireEvent({
  auditID: 'synthetic-tier-json-patch',
  verb: 'patch',
  requestURI: '/apis/projectcalico.org/v3/tiers/security',
  objectRef: {
    resource: 'tiers',
    name: 'security',
    apiGroup: 'projectcalico.org',
    apiVersion: 'v3',
  },
  requestObject: [{ op: 'replace', path: '/spec/defaultAction', value: 'Pass' }],
  responseObject: {
    kind: 'Tier',
    apiVersion: 'projectcalico.org/v3',
    metadata: { name: 'security', uid: 'synthetic-uid-tier', resourceVersion: '9001' },
    spec: { order: 100, defaultAction: 'Pass' },
  },
  responseStatus: { metadata: {}, code: 200 },
});

export const SYNTHETIC_SERVER_SIDE_APPLY_PATCH = syntheticWireEvent({
  auditID: 'synthetic-ssa-patch',
  verb: 'patch',
  requestURI:
    '/apis/networking.k8s.io/v1/namespaces/payments/networkpolicies/deny-all?fieldManager=kubectl&force=false',
  objectRef: {
    resource: 'networkpolicies',
    namespace: 'payments',
    name: 'deny-all',
    apiGroup: 'networking.k8s.io',
    apiVersion: 'v1',
  },
  requestObject: {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny-all', namespace: 'payments' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  },
  responseStatus: { metadata: {}, code: 201 },
});

export const SYNTHETIC_MERGE_PATCH = syntheticWireEvent({
  auditID: 'synthetic-merge-patch',
  verb: 'patch',
  requestURI:
    '/apis/projectcalico.org/v3/globalnetworksets/blocked-ranges?fieldManager=kubectl-patch',
  objectRef: {
    resource: 'globalnetworksets',
    name: 'blocked-ranges',
    apiGroup: 'projectcalico.org',
    apiVersion: 'v3',
  },
  requestObject: { spec: { nets: ['198.51.100.0/24'] } },
  responseStatus: { metadata: {}, code: 200 },
});

export const SYNTHETIC_K8S_NETWORK_POLICY_CREATE = syntheticWireEvent({
  auditID: 'synthetic-k8s-np-create',
  requestURI: '/apis/networking.k8s.io/v1/namespaces/payments/networkpolicies',
  objectRef: {
    resource: 'networkpolicies',
    namespace: 'payments',
    name: 'allow-frontend',
    apiGroup: 'networking.k8s.io',
    apiVersion: 'v1',
  },
  requestObject: {
    kind: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
    metadata: { name: 'allow-frontend', namespace: 'payments' },
    spec: {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }] }],
    },
  },
});

export const SYNTHETIC_CONFLICT_UPDATE = syntheticWireEvent({
  auditID: 'synthetic-conflict-update',
  verb: 'update',
  requestURI: '/apis/rbac.authorization.k8s.io/v1/namespaces/payments/roles/deployer',
  objectRef: {
    resource: 'roles',
    namespace: 'payments',
    name: 'deployer',
    apiGroup: 'rbac.authorization.k8s.io',
    apiVersion: 'v1',
    resourceVersion: '41',
  },
  responseStatus: {
    metadata: {},
    status: 'Failure',
    reason: 'Conflict',
    message:
      'Operation cannot be fulfilled on roles.rbac.authorization.k8s.io "deployer": the object has been modified',
    code: 409,
  },
});

export const SYNTHETIC_INVALID_CREATE = syntheticWireEvent({
  auditID: 'synthetic-invalid-create',
  objectRef: {
    resource: 'globalnetworkpolicies',
    name: 'default.bad-policy',
    apiGroup: 'projectcalico.org',
    apiVersion: 'v3',
  },
  responseStatus: { metadata: {}, status: 'Failure', reason: 'Invalid', code: 422 },
});

export const SYNTHETIC_DRY_RUN_CREATE = syntheticWireEvent({
  auditID: 'synthetic-dry-run-create',
  requestURI:
    '/apis/projectcalico.org/v3/globalnetworkpolicies?dryRun=All&fieldManager=kubectl-create',
});

/** Failed authentication ends at ResponseStarted with an empty user (spec §1.3, §1.6). */
export const SYNTHETIC_UNAUTHORIZED_DELETE = syntheticWireEvent({
  auditID: 'synthetic-unauthorized',
  level: 'Metadata',
  stage: 'ResponseStarted',
  verb: 'delete',
  requestURI: '/apis/projectcalico.org/v3/globalnetworkpolicies/default.synthetic-policy',
  user: {},
  userAgent: 'curl/8.5.0',
  responseStatus: {
    metadata: {},
    status: 'Failure',
    message: 'Authentication failed, attempted: basic, bearer',
    reason: 'Unauthorized',
    code: 401,
  },
  annotations: undefined,
});

export const SYNTHETIC_PANIC_UPDATE = syntheticWireEvent({
  auditID: 'synthetic-panic',
  stage: 'Panic',
  verb: 'update',
  responseStatus: { metadata: {}, status: 'Failure', message: 'APIServer panic', code: 500 },
});

/** calicoctl in KDD mode or GitOps writing the backing CRD directly (spec §3.6). */
export const SYNTHETIC_CRD_HOST_ENDPOINT_CREATE = syntheticWireEvent({
  auditID: 'synthetic-crd-write',
  requestURI: '/apis/crd.projectcalico.org/v1/hostendpoints',
  objectRef: {
    resource: 'hostendpoints',
    name: 'node-1-eth0',
    apiGroup: 'crd.projectcalico.org',
    apiVersion: 'v1',
  },
  requestObject: {
    kind: 'HostEndpoint',
    apiVersion: 'crd.projectcalico.org/v1',
    metadata: { name: 'node-1-eth0' },
    spec: { node: 'node-1', interfaceName: '*' },
  },
});

/** U+0000 in a value and in a key of the request body, as a client could send them. */
export const SYNTHETIC_NUL_TEXT_LINE = syntheticLine(
  syntheticWireEvent({
    auditID: 'synthetic-nul',
    userAgent: 'evil\u0000agent',
    requestObject: {
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'default.synthetic-policy', annotations: { 'note\u0000': 'a\u0000b' } },
    },
  }),
);

export const SYNTHETIC_MICROSECOND_EVENT = syntheticWireEvent({
  auditID: 'synthetic-microseconds',
  requestReceivedTimestamp: '2026-03-01T10:00:00.000001Z',
  stageTimestamp: '2026-03-01T10:00:00.999999Z',
});

export const SYNTHETIC_OFFSET_EVENT = syntheticWireEvent({
  auditID: 'synthetic-offset',
  requestReceivedTimestamp: '2026-03-01T12:00:00.5+02:00',
  stageTimestamp: '2026-03-01T12:00:01.123456789+02:00',
});

/** What the webhook backend POSTs: an EventList of batched events (spec §1.8). */
export function syntheticEventList(events: readonly SyntheticWireEvent[]): string {
  return JSON.stringify({
    kind: 'EventList',
    apiVersion: 'audit.k8s.io/v1',
    metadata: {},
    items: events,
  });
}

/** Fluent Bit's tail input: the log line as an escaped JSON string in `log`. */
export function syntheticFluentBitEnvelope(lines: string): string {
  return JSON.stringify({
    log: lines,
    stream: 'stdout',
    time: '2026-03-01T10:00:01.000000000Z',
    kubernetes: { pod_name: 'kube-apiserver-control-plane', namespace_name: 'kube-system' },
  });
}

/** AKS diagnostic logs: the event as an escaped JSON string in `properties.log`. */
export function syntheticAksEnvelope(line: string): SyntheticWireEvent {
  return {
    operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read',
    category: 'kube-audit',
    time: '2026-03-01T10:00:01.0000000Z',
    properties: { log: line, stream: 'stdout', pod: 'kube-apiserver-7c9d' },
  };
}

/** A GKE Cloud Audit Log entry: not a Kubernetes audit event, so rejected. */
export const SYNTHETIC_GKE_PROTO_PAYLOAD = JSON.stringify({
  insertId: 'synthetic',
  logName: 'projects/synthetic/logs/cloudaudit.googleapis.com%2Factivity',
  protoPayload: {
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    methodName: 'io.k8s.authorization.rbac.v1.clusterrolebindings.create',
    resourceName: 'rbac.authorization.k8s.io/v1/clusterrolebindings/synthetic',
  },
  timestamp: '2026-03-01T10:00:00.123456Z',
});
