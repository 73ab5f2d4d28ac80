// Synthetic audit streams for bench:ingest, shaped like a real kube-apiserver audit log of a Calico
// cluster (compare the real samples in test/fixtures/k8s-audit/): mostly reads and lease renewals
// by kubelets, controllers and service accounts at Metadata/Request level, and a small share of
// tracked writes (Calico policies, tiers, RBAC, namespaces, Kubernetes NetworkPolicies) at
// RequestResponse level, built with @policy-ledger/samples. Every name and object here is synthetic.
import { randomUUID } from 'node:crypto';

/** mulberry32: a seeded PRNG, so every run of the bench produces the same mix. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NODES = Array.from({ length: 60 }, (_, i) => ({
  name: `ip-10-0-${10 + (i % 4)}-${20 + i}.eu-west-1.compute.internal`,
  ip: `10.0.${10 + (i % 4)}.${20 + i}`,
  uid: `5f0c3a1e-${String(1000 + i).padStart(4, '0')}-4b7e-9a2d-synthetic0${String(i).padStart(3, '0')}`,
}));
const NAMESPACES = [
  'kube-system',
  'calico-system',
  'tigera-operator',
  'monitoring',
  'logging',
  'ingress-nginx',
  'cert-manager',
  'payments',
  'checkout',
  'catalog',
  'search',
  'orders',
  'identity',
  'notifications',
  'analytics',
  'batch-jobs',
];
const APPS = ['api', 'worker', 'web', 'cache', 'gateway', 'scheduler', 'exporter', 'sidecar'];
const KUBELET_AGENT = 'kubelet/v1.31.4 (linux/amd64) kubernetes/a78aa47';
const CONTROLLER_AGENT =
  'kube-controller-manager/v1.31.4 (linux/amd64) kubernetes/a78aa47/system:serviceaccount:kube-system:';

const pick = (rng, list) => list[Math.floor(rng() * list.length)];
const hex = (rng, n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rng() * 16)];
  return s;
};
const podName = (rng) => `${pick(rng, APPS)}-${hex(rng, 9)}-${hex(rng, 5)}`;

/** RFC 3339 with microseconds, as kube-apiserver writes stageTimestamp. */
export function microTime(ms, micros = 0) {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}

function nodeUser(node) {
  return { username: `system:node:${node.name}`, groups: ['system:nodes', 'system:authenticated'] };
}

function serviceAccount(rng, namespace, name, node) {
  const pod = `${name}-${hex(rng, 9)}-${hex(rng, 5)}`;
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    uid: `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
    groups: [
      'system:serviceaccounts',
      `system:serviceaccounts:${namespace}`,
      'system:authenticated',
    ],
    extra: {
      'authentication.kubernetes.io/credential-id': [
        `JTI=${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
      ],
      'authentication.kubernetes.io/node-name': [node.name],
      'authentication.kubernetes.io/node-uid': [node.uid],
      'authentication.kubernetes.io/pod-name': [pod],
      'authentication.kubernetes.io/pod-uid': [
        `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
      ],
    },
  };
}

function controllerUser(name) {
  return { username: 'system:kube-controller-manager', groups: ['system:authenticated'], name };
}

function event({
  level,
  verb,
  uri,
  user,
  ip,
  agent,
  objectRef,
  code = 200,
  requestObject,
  at,
  reason,
  extraAnnotations,
}) {
  const { name: _controller, ...userInfo } = user;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level,
    auditID: randomUUID(),
    stage: 'ResponseComplete',
    requestURI: uri,
    verb,
    user: userInfo,
    sourceIPs: [ip],
    userAgent: agent,
    ...(objectRef ? { objectRef } : {}),
    responseStatus: { metadata: {}, code },
    ...(requestObject !== undefined && level !== 'Metadata' ? { requestObject } : {}),
    requestReceivedTimestamp: microTime(at.ms - 2 - Math.floor(at.micros / 300), at.micros),
    stageTimestamp: microTime(at.ms, at.micros),
    annotations: {
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': reason ?? '',
      ...extraAnnotations,
    },
  };
}

const rbacReason = (binding, role, subject) =>
  `RBAC: allowed by ClusterRoleBinding "${binding}" of ClusterRole "${role}" to ${subject}`;

/** The untracked majority, by weight: what kubelets, controllers and agents send all day. */
const UNTRACKED = [
  [
    12,
    (rng, at) => {
      const node = pick(rng, NODES);
      const ns = pick(rng, NAMESPACES);
      const resource = rng() < 0.6 ? 'configmaps' : 'secrets';
      const name = resource === 'configmaps' ? 'kube-root-ca.crt' : `${pick(rng, APPS)}-tls`;
      return event({
        level: 'Metadata',
        verb: 'get',
        uri: `/api/v1/namespaces/${ns}/${resource}/${name}?resourceVersion=0`,
        user: nodeUser(node),
        ip: node.ip,
        agent: KUBELET_AGENT,
        objectRef: { resource, namespace: ns, name, apiVersion: 'v1' },
        at,
        extraAnnotations: {},
      });
    },
  ],
  [
    6,
    (rng, at) => {
      const node = pick(rng, NODES);
      const rv = 4_000_000 + Math.floor(rng() * 1_000_000);
      return event({
        level: 'Metadata',
        verb: 'watch',
        uri: `/api/v1/pods?allowWatchBookmarks=true&fieldSelector=spec.nodeName%3D${node.name}&resourceVersion=${rv}&timeout=7m41s&timeoutSeconds=461&watch=true`,
        user: nodeUser(node),
        ip: node.ip,
        agent: KUBELET_AGENT,
        objectRef: { resource: 'pods', apiVersion: 'v1' },
        at,
      });
    },
  ],
  [
    14,
    (rng, at) => {
      const node = pick(rng, NODES);
      const renew = new Date(at.ms).toISOString().replace('Z', '000Z');
      return event({
        level: 'Request',
        verb: 'update',
        uri: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${node.name}?timeout=10s`,
        user: nodeUser(node),
        ip: node.ip,
        agent: KUBELET_AGENT,
        objectRef: {
          resource: 'leases',
          namespace: 'kube-node-lease',
          name: node.name,
          uid: node.uid,
          apiGroup: 'coordination.k8s.io',
          apiVersion: 'v1',
          resourceVersion: String(5_000_000 + Math.floor(rng() * 1_000_000)),
        },
        requestObject: {
          kind: 'Lease',
          apiVersion: 'coordination.k8s.io/v1',
          metadata: {
            name: node.name,
            namespace: 'kube-node-lease',
            uid: node.uid,
            resourceVersion: String(5_000_000 + Math.floor(rng() * 1_000_000)),
            creationTimestamp: '2026-01-11T08:14:02Z',
            ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid }],
            managedFields: [
              {
                manager: 'kubelet',
                operation: 'Update',
                apiVersion: 'coordination.k8s.io/v1',
                time: '2026-03-01T07:59:40Z',
                fieldsType: 'FieldsV1',
                fieldsV1: {
                  'f:metadata': {
                    'f:ownerReferences': { '.': {}, [`k:{"uid":"${node.uid}"}`]: {} },
                  },
                  'f:spec': {
                    'f:holderIdentity': {},
                    'f:leaseDurationSeconds': {},
                    'f:renewTime': {},
                  },
                },
              },
            ],
          },
          spec: { holderIdentity: node.name, leaseDurationSeconds: 40, renewTime: renew },
        },
        at,
        reason: '',
      });
    },
  ],
  [
    8,
    (rng, at) => {
      const [ns, name, user, agent] = pick(rng, [
        [
          'kube-system',
          'kube-controller-manager',
          controllerUser('kcm'),
          `${CONTROLLER_AGENT}leader-election`,
        ],
        [
          'kube-system',
          'kube-scheduler',
          { username: 'system:kube-scheduler', groups: ['system:authenticated'] },
          'kube-scheduler/v1.31.4 (linux/amd64) kubernetes/a78aa47/leader-election',
        ],
        [
          'cert-manager',
          'cert-manager-controller',
          serviceAccount(rng, 'cert-manager', 'cert-manager', pick(rng, NODES)),
          'cert-manager-controller/v1.16.2 (linux/amd64) cert-manager/leader-election',
        ],
        [
          'ingress-nginx',
          'ingress-nginx-leader',
          serviceAccount(rng, 'ingress-nginx', 'ingress-nginx', pick(rng, NODES)),
          'nginx-ingress-controller/v1.12.0 (linux/amd64) ingress-nginx/leader-election',
        ],
      ]);
      const verb = rng() < 0.5 ? 'get' : 'update';
      return event({
        level: verb === 'get' ? 'Metadata' : 'Request',
        verb,
        uri: `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases/${name}?timeout=5s`,
        user,
        ip: '10.0.1.10',
        agent,
        objectRef: {
          resource: 'leases',
          namespace: ns,
          name,
          apiGroup: 'coordination.k8s.io',
          apiVersion: 'v1',
        },
        requestObject: {
          kind: 'Lease',
          apiVersion: 'coordination.k8s.io/v1',
          metadata: {
            name,
            namespace: ns,
            resourceVersion: String(Math.floor(rng() * 9e6)),
            creationTimestamp: '2026-01-11T08:10:00Z',
          },
          spec: {
            holderIdentity: `${name}_${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
            leaseDurationSeconds: 15,
            acquireTime: '2026-02-27T03:12:44.118002Z',
            renewTime: microTime(at.ms, at.micros),
            leaseTransitions: 7,
          },
        },
        at,
        reason: rbacReason(`system:${name}`, `system:${name}`, `User "${user.username}"`),
      });
    },
  ],
  [
    8,
    (rng, at) => {
      const node = pick(rng, NODES);
      const ns = pick(rng, NAMESPACES);
      const pod = podName(rng);
      const stamp = `${new Date(at.ms - 1000).toISOString().slice(0, 19)}Z`;
      const container = (name) => ({
        containerID: `containerd://${hex(rng, 64)}`,
        image: `registry.example.com/synthetic/${name}:1.${Math.floor(rng() * 30)}.0`,
        imageID: `registry.example.com/synthetic/${name}@sha256:${hex(rng, 64)}`,
        lastState: {},
        name,
        ready: true,
        restartCount: Math.floor(rng() * 3),
        started: true,
        state: { running: { startedAt: stamp } },
      });
      return event({
        level: 'Request',
        verb: 'patch',
        uri: `/api/v1/namespaces/${ns}/pods/${pod}/status`,
        user: nodeUser(node),
        ip: node.ip,
        agent: KUBELET_AGENT,
        objectRef: {
          resource: 'pods',
          namespace: ns,
          name: pod,
          apiVersion: 'v1',
          subresource: 'status',
        },
        requestObject: {
          metadata: {
            uid: `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
          },
          status: {
            $setElementOrder$conditions: [
              { type: 'PodReadyToStartContainers' },
              { type: 'Initialized' },
              { type: 'Ready' },
              { type: 'ContainersReady' },
              { type: 'PodScheduled' },
            ],
            conditions: [
              { lastTransitionTime: stamp, status: 'True', type: 'Ready' },
              { lastTransitionTime: stamp, status: 'True', type: 'ContainersReady' },
            ],
            containerStatuses: [
              container(pick(rng, APPS)),
              ...(rng() < 0.5 ? [container('envoy')] : []),
            ],
            podIP: `192.168.${Math.floor(rng() * 255)}.${Math.floor(rng() * 255)}`,
            podIPs: [{ ip: `192.168.${Math.floor(rng() * 255)}.${Math.floor(rng() * 255)}` }],
          },
        },
        at,
        reason: '',
      });
    },
  ],
  [
    8,
    (rng, at) => {
      const node = pick(rng, NODES);
      const ns = pick(rng, NAMESPACES);
      const pod = podName(rng);
      const name = `${pod}.${hex(rng, 16)}`;
      const [reason, message] = pick(rng, [
        [
          'Pulled',
          `Container image "registry.example.com/synthetic/${pick(rng, APPS)}:1.4.2" already present on machine`,
        ],
        ['Created', 'Created container: app'],
        ['Started', 'Started container app'],
        ['Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503'],
        ['BackOff', 'Back-off restarting failed container app in pod'],
      ]);
      return event({
        level: 'Request',
        verb: 'create',
        uri: `/api/v1/namespaces/${ns}/events`,
        user: nodeUser(node),
        ip: node.ip,
        agent: KUBELET_AGENT,
        objectRef: { resource: 'events', namespace: ns, name, apiVersion: 'v1' },
        code: 201,
        requestObject: {
          kind: 'Event',
          apiVersion: 'v1',
          metadata: { name, namespace: ns, creationTimestamp: null },
          involvedObject: {
            kind: 'Pod',
            namespace: ns,
            name: pod,
            uid: `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
            apiVersion: 'v1',
            resourceVersion: String(Math.floor(rng() * 9e6)),
            fieldPath: 'spec.containers{app}',
          },
          reason,
          message,
          source: { component: 'kubelet', host: node.name },
          firstTimestamp: `${new Date(at.ms).toISOString().slice(0, 19)}Z`,
          lastTimestamp: `${new Date(at.ms).toISOString().slice(0, 19)}Z`,
          count: 1,
          type: reason === 'Unhealthy' || reason === 'BackOff' ? 'Warning' : 'Normal',
          eventTime: null,
          reportingComponent: 'kubelet',
          reportingInstance: node.name,
        },
        at,
        reason: '',
      });
    },
  ],
  [
    10,
    (rng, at) => {
      const node = pick(rng, NODES);
      const [ns, saName, agent] = pick(rng, [
        ['kube-system', 'kube-proxy', 'kube-proxy/v1.31.4 (linux/amd64) kubernetes/a78aa47'],
        ['kube-system', 'coredns', 'coredns/v1.11.3 (linux/amd64) kubernetes/synthetic'],
        ['kube-system', 'endpointslice-controller', `${CONTROLLER_AGENT}endpointslice-controller`],
        ['monitoring', 'prometheus', 'Prometheus/3.1.0'],
      ]);
      const discovery = rng() < 0.6;
      const resource = discovery ? 'endpointslices' : 'endpoints';
      const verb = pick(rng, ['list', 'watch', 'get']);
      const target = pick(rng, NAMESPACES);
      const base = discovery ? '/apis/discovery.k8s.io/v1' : '/api/v1';
      const uri =
        verb === 'get'
          ? `${base}/namespaces/${target}/${resource}/${pick(rng, APPS)}`
          : `${base}/${resource}?labelSelector=%21service.kubernetes.io%2Fheadless%2C%21service.kubernetes.io%2Fservice-proxy-name&limit=500&resourceVersion=${Math.floor(rng() * 9e6)}${verb === 'watch' ? '&timeout=9m12s&timeoutSeconds=552&watch=true' : ''}`;
      return event({
        level: 'Metadata',
        verb,
        uri,
        user: serviceAccount(rng, ns, saName, node),
        ip: node.ip,
        agent,
        objectRef: {
          resource,
          ...(verb === 'get' ? { namespace: target, name: pick(rng, APPS) } : {}),
          ...(discovery ? { apiGroup: 'discovery.k8s.io' } : {}),
          apiVersion: 'v1',
        },
        at,
        reason: rbacReason(
          `system:${saName}`,
          `system:${saName}`,
          `ServiceAccount "${saName}/${ns}"`,
        ),
      });
    },
  ],
  [
    6,
    (rng, at) => {
      const node = pick(rng, NODES);
      const ns = pick(rng, NAMESPACES);
      const sa = pick(rng, ['default', ...APPS]);
      return event({
        level: 'Metadata',
        verb: 'create',
        uri: `/api/v1/namespaces/${ns}/serviceaccounts/${sa}/token`,
        user: nodeUser(node),
        ip: node.ip,
        agent: KUBELET_AGENT,
        objectRef: {
          resource: 'serviceaccounts',
          namespace: ns,
          name: sa,
          apiVersion: 'v1',
          subresource: 'token',
        },
        code: 201,
        at,
        reason: '',
      });
    },
  ],
  [
    6,
    (rng, at) => {
      const node = pick(rng, NODES);
      const get = rng() < 0.5;
      return event({
        level: get ? 'Metadata' : 'Request',
        verb: get ? 'get' : 'patch',
        uri: get
          ? `/api/v1/nodes/${node.name}?resourceVersion=0&timeout=10s`
          : `/api/v1/nodes/${node.name}/status?timeout=10s`,
        user: nodeUser(node),
        ip: node.ip,
        agent: KUBELET_AGENT,
        objectRef: {
          resource: 'nodes',
          name: node.name,
          apiVersion: 'v1',
          ...(get ? {} : { subresource: 'status' }),
        },
        requestObject: {
          status: {
            $setElementOrder$conditions: [
              { type: 'MemoryPressure' },
              { type: 'DiskPressure' },
              { type: 'PIDPressure' },
              { type: 'Ready' },
            ],
            conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({
              lastHeartbeatTime: `${new Date(at.ms).toISOString().slice(0, 19)}Z`,
              type,
            })),
          },
        },
        at,
        reason: '',
      });
    },
  ],
  [
    4,
    (rng, at) => {
      const node = pick(rng, NODES);
      const sar = rng() < 0.5;
      return event({
        level: 'Metadata',
        verb: 'create',
        uri: sar
          ? '/apis/authorization.k8s.io/v1/subjectaccessreviews'
          : '/apis/authentication.k8s.io/v1/tokenreviews',
        user: serviceAccount(rng, 'monitoring', 'metrics-server', node),
        ip: node.ip,
        agent: 'metrics-server/v0.7.2 (linux/amd64) kubernetes/synthetic',
        objectRef: {
          resource: sar ? 'subjectaccessreviews' : 'tokenreviews',
          apiGroup: sar ? 'authorization.k8s.io' : 'authentication.k8s.io',
          apiVersion: 'v1',
        },
        code: 201,
        at,
        reason: rbacReason(
          'system:auth-delegator',
          'system:auth-delegator',
          'ServiceAccount "metrics-server/monitoring"',
        ),
      });
    },
  ],
  // Calico's own agents read (and write) its CRDs all day: these pass the byte pre-check.
  [
    6,
    (rng, at) => {
      const node = pick(rng, NODES);
      const [sa, agent] = pick(rng, [
        ['calico-node', 'calico-node/v3.29.1 (linux/amd64) synthetic'],
        ['calico-typha', 'calico-typha/v3.29.1 (linux/amd64) synthetic'],
        ['calico-kube-controllers', 'calico-kube-controllers/v3.29.1 (linux/amd64) synthetic'],
      ]);
      const resource = pick(rng, [
        'ipamblocks',
        'blockaffinities',
        'felixconfigurations',
        'clusterinformations',
        'networkpolicies',
        'globalnetworkpolicies',
        'ippools',
        'hostendpoints',
        'networksets',
        'tiers',
      ]);
      const verb = pick(rng, ['list', 'watch', 'get']);
      return event({
        level: 'Metadata',
        verb,
        uri: `/apis/crd.projectcalico.org/v1/${resource}${verb === 'get' ? '/default' : `?resourceVersion=${Math.floor(rng() * 9e6)}${verb === 'watch' ? '&allowWatchBookmarks=true&timeoutSeconds=420&watch=true' : '&limit=500'}`}`,
        user: serviceAccount(rng, 'calico-system', sa, node),
        ip: node.ip,
        agent,
        objectRef: {
          resource,
          ...(verb === 'get' ? { name: 'default' } : {}),
          apiGroup: 'crd.projectcalico.org',
          apiVersion: 'v1',
        },
        at,
        reason: rbacReason(sa, sa, `ServiceAccount "${sa}/calico-system"`),
      });
    },
  ],
  [
    2,
    (rng, at) => {
      const node = pick(rng, NODES);
      const block = `192-168-${Math.floor(rng() * 255)}-0-26`;
      return event({
        level: 'Request',
        verb: 'update',
        uri: `/apis/crd.projectcalico.org/v1/ipamblocks/${block}`,
        user: serviceAccount(rng, 'calico-system', 'calico-node', node),
        ip: node.ip,
        agent: 'calico-node/v3.29.1 (linux/amd64) synthetic',
        objectRef: {
          resource: 'ipamblocks',
          name: block,
          apiGroup: 'crd.projectcalico.org',
          apiVersion: 'v1',
        },
        requestObject: {
          apiVersion: 'crd.projectcalico.org/v1',
          kind: 'IPAMBlock',
          metadata: { name: block, resourceVersion: String(Math.floor(rng() * 9e6)) },
          spec: {
            affinity: `host:${node.name}`,
            allocations: Array.from({ length: 16 }, (_, i) => (rng() < 0.6 ? i : null)),
            attributes: [
              {
                handle_id: `k8s-pod-network.${hex(rng, 64)}`,
                secondary: { namespace: pick(rng, NAMESPACES), node: node.name, pod: podName(rng) },
              },
            ],
            cidr: block.replaceAll('-', '.').replace(/\.(\d+)$/, '/$1'),
            strictAffinity: false,
            unallocated: [12, 13, 14, 15],
          },
        },
        at,
        reason: rbacReason(
          'calico-node',
          'calico-node',
          'ServiceAccount "calico-node/calico-system"',
        ),
      });
    },
  ],
  // Controllers' informers on tracked kinds: read-only, so decoded and then ignored.
  [
    3,
    (rng, at) => {
      const node = pick(rng, NODES);
      const [group, resource] = pick(rng, [
        ['rbac.authorization.k8s.io', 'clusterroles'],
        ['rbac.authorization.k8s.io', 'rolebindings'],
        ['rbac.authorization.k8s.io', 'roles'],
        ['networking.k8s.io', 'networkpolicies'],
        ['', 'namespaces'],
      ]);
      const verb = pick(rng, ['list', 'watch', 'get']);
      const base = group ? `/apis/${group}/v1` : '/api/v1';
      const ns = pick(rng, NAMESPACES);
      return event({
        level: 'Metadata',
        verb,
        uri:
          verb === 'get'
            ? `${base}/${resource}/${ns}`
            : `${base}/${resource}?resourceVersion=${Math.floor(rng() * 9e6)}${verb === 'watch' ? '&timeoutSeconds=300&watch=true' : ''}`,
        user: serviceAccount(rng, 'kube-system', 'generic-garbage-collector', node),
        ip: '10.0.1.10',
        agent: `${CONTROLLER_AGENT}generic-garbage-collector`,
        objectRef: {
          resource,
          ...(verb === 'get' ? { name: ns } : {}),
          ...(group ? { apiGroup: group } : {}),
          apiVersion: 'v1',
        },
        at,
        reason: rbacReason(
          'system:controller:generic-garbage-collector',
          'system:controller:generic-garbage-collector',
          'ServiceAccount "generic-garbage-collector/kube-system"',
        ),
      });
    },
  ],
  [
    3,
    (rng, at) =>
      event({
        level: 'Metadata',
        verb: 'get',
        uri: pick(rng, ['/readyz', '/livez', '/healthz', '/version']),
        user: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
        ip: pick(rng, NODES).ip,
        agent: 'kube-probe/1.31',
        at,
        reason: rbacReason(
          'system:public-info-viewer',
          'system:public-info-viewer',
          'Group "system:unauthenticated"',
        ),
      }),
  ],
  [
    4,
    (rng, at) => {
      const ns = pick(rng, NAMESPACES);
      const name = pick(rng, APPS);
      const deployment = rng() < 0.5;
      return event({
        level: 'Request',
        verb: 'update',
        uri: `/apis/apps/v1/namespaces/${ns}/${deployment ? 'deployments' : 'replicasets'}/${name}${deployment ? '' : `-${hex(rng, 9)}`}/status`,
        user: serviceAccount(
          rng,
          'kube-system',
          deployment ? 'deployment-controller' : 'replicaset-controller',
          pick(rng, NODES),
        ),
        ip: '10.0.1.10',
        agent: `${CONTROLLER_AGENT}${deployment ? 'deployment-controller' : 'replicaset-controller'}`,
        objectRef: {
          resource: deployment ? 'deployments' : 'replicasets',
          namespace: ns,
          name,
          apiGroup: 'apps',
          apiVersion: 'v1',
          subresource: 'status',
        },
        requestObject: {
          kind: deployment ? 'Deployment' : 'ReplicaSet',
          apiVersion: 'apps/v1',
          metadata: {
            name,
            namespace: ns,
            uid: `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
            resourceVersion: String(Math.floor(rng() * 9e6)),
            generation: 14,
            labels: { app: name, 'app.kubernetes.io/part-of': ns },
          },
          status: {
            observedGeneration: 14,
            replicas: 3,
            updatedReplicas: 3,
            readyReplicas: 2 + Math.floor(rng() * 2),
            availableReplicas: 2,
            conditions: [
              {
                type: 'Available',
                status: 'True',
                lastUpdateTime: '2026-02-28T11:02:51Z',
                lastTransitionTime: '2026-02-28T11:02:51Z',
                reason: 'MinimumReplicasAvailable',
                message: 'Deployment has minimum availability.',
              },
              {
                type: 'Progressing',
                status: 'True',
                lastUpdateTime: '2026-02-28T11:03:12Z',
                lastTransitionTime: '2026-02-20T09:41:07Z',
                reason: 'NewReplicaSetAvailable',
                message: `ReplicaSet "${name}-${hex(rng, 9)}" has successfully progressed.`,
              },
            ],
          },
        },
        at,
        reason: rbacReason(
          'system:controller:deployment-controller',
          'system:controller:deployment-controller',
          'ServiceAccount "deployment-controller/kube-system"',
        ),
      });
    },
  ],
];

const UNTRACKED_TOTAL = UNTRACKED.reduce((sum, [w]) => sum + w, 0);

function untrackedEvent(rng, at) {
  let roll = rng() * UNTRACKED_TOTAL;
  for (const [weight, build] of UNTRACKED) {
    roll -= weight;
    if (roll < 0) return build(rng, at);
  }
  return UNTRACKED[0][1](rng, at);
}

const TIERS = ['security', 'platform', 'application', 'default'];
const PEOPLE = [
  ['alice@example.com', ['netsec', 'system:authenticated']],
  ['bob@example.com', ['platform-team', 'system:authenticated']],
  ['carol@example.com', ['app-payments', 'system:authenticated']],
  [
    'system:serviceaccount:argocd:argocd-application-controller',
    ['system:serviceaccounts', 'system:serviceaccounts:argocd', 'system:authenticated'],
  ],
  [
    'system:serviceaccount:flux-system:kustomize-controller',
    ['system:serviceaccounts', 'system:serviceaccounts:flux-system', 'system:authenticated'],
  ],
];

function rules(rng, n) {
  return Array.from({ length: n }, () => {
    const kind = rng();
    if (kind < 0.4)
      return {
        action: 'Allow',
        protocol: 'TCP',
        source: { selector: `app == '${pick(rng, APPS)}'` },
        destination: { ports: [80 + Math.floor(rng() * 9000)] },
      };
    if (kind < 0.7)
      return {
        action: 'Allow',
        protocol: rng() < 0.5 ? 'UDP' : 'TCP',
        destination: {
          selector: "k8s-app == 'kube-dns'",
          namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'",
          ports: [53],
        },
      };
    if (kind < 0.9)
      return { action: 'Allow', destination: { nets: [`10.${Math.floor(rng() * 255)}.0.0/16`] } };
    return { action: 'Deny', destination: { nets: ['0.0.0.0/0'] } };
  });
}

/** The kinds of tracked object the streams change, with how each one's object is built. */
const TRACKED_KINDS = [
  {
    weight: 30,
    apiGroup: 'projectcalico.org',
    resource: 'globalnetworkpolicies',
    build: (s, { name, tier, rv, rng }) =>
      s.syntheticGlobalNetworkPolicy(
        name,
        {
          tier,
          order: 100 + Math.floor(rng() * 900),
          selector: `app in {'${pick(rng, APPS)}', '${pick(rng, APPS)}'}`,
          types: ['Ingress', 'Egress'],
          ingress: rules(rng, 1 + Math.floor(rng() * 3)),
          egress: rules(rng, 1 + Math.floor(rng() * 3)),
        },
        { resourceVersion: rv },
      ),
  },
  {
    weight: 20,
    apiGroup: 'projectcalico.org',
    resource: 'networkpolicies',
    namespaced: true,
    build: (_s, { name, namespace, tier, rv, uid, rng }) => ({
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: {
        name,
        namespace,
        uid,
        resourceVersion: rv,
        creationTimestamp: '2026-02-01T10:00:00Z',
        labels: { 'projectcalico.org/tier': tier },
      },
      spec: {
        tier,
        order: 100 + Math.floor(rng() * 900),
        selector: `app == '${pick(rng, APPS)}'`,
        types: ['Ingress'],
        ingress: rules(rng, 1 + Math.floor(rng() * 3)),
      },
    }),
  },
  {
    weight: 15,
    apiGroup: 'networking.k8s.io',
    resource: 'networkpolicies',
    namespaced: true,
    build: (_s, { name, namespace, rv, uid, rng }) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name,
        namespace,
        uid,
        resourceVersion: rv,
        generation: 1,
        creationTimestamp: '2026-02-01T10:00:00Z',
      },
      spec: {
        podSelector: { matchLabels: { app: pick(rng, APPS) } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: pick(rng, APPS) } } }],
            ports: [{ protocol: 'TCP', port: 8080 + Math.floor(rng() * 10) }],
          },
        ],
      },
    }),
  },
  {
    weight: 10,
    apiGroup: 'rbac.authorization.k8s.io',
    resource: 'roles',
    namespaced: true,
    build: (_s, { name, namespace, rv, uid, rng }) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: {
        name,
        namespace,
        uid,
        resourceVersion: rv,
        creationTimestamp: '2026-02-01T10:00:00Z',
      },
      rules: [
        { apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'list', 'watch'] },
        {
          apiGroups: ['projectcalico.org'],
          resources: ['networkpolicies', 'tier.networkpolicies'],
          verbs: rng() < 0.5 ? ['get', 'list'] : ['*'],
        },
      ],
    }),
  },
  {
    weight: 10,
    apiGroup: 'rbac.authorization.k8s.io',
    resource: 'rolebindings',
    namespaced: true,
    build: (_s, { name, namespace, rv, uid, rng }) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: {
        name,
        namespace,
        uid,
        resourceVersion: rv,
        creationTimestamp: '2026-02-01T10:00:00Z',
      },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: `synthetic-role-${Math.floor(rng() * 50)}`,
      },
      subjects: [
        {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Group',
          name: pick(rng, ['netsec', 'platform-team', 'app-payments']),
        },
      ],
    }),
  },
  {
    weight: 5,
    apiGroup: 'rbac.authorization.k8s.io',
    resource: 'clusterroles',
    build: (_s, { name, rv, uid, rng }) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name, uid, resourceVersion: rv, creationTimestamp: '2026-02-01T10:00:00Z' },
      rules: [
        {
          apiGroups: ['projectcalico.org'],
          resources: ['tiers'],
          resourceNames: [pick(rng, TIERS)],
          verbs: ['get'],
        },
        {
          apiGroups: ['projectcalico.org'],
          resources: ['tier.globalnetworkpolicies'],
          resourceNames: [`${pick(rng, TIERS)}.*`],
          verbs: ['get', 'list', 'update', 'patch'],
        },
      ],
    }),
  },
  {
    weight: 4,
    apiGroup: 'rbac.authorization.k8s.io',
    resource: 'clusterrolebindings',
    build: (_s, { name, rv, uid, rng }) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name, uid, resourceVersion: rv, creationTimestamp: '2026-02-01T10:00:00Z' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: `synthetic-clusterrole-${Math.floor(rng() * 20)}`,
      },
      subjects: [
        {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Group',
          name: pick(rng, ['netsec', 'platform-team']),
        },
      ],
    }),
  },
  {
    weight: 4,
    apiGroup: '',
    resource: 'namespaces',
    build: (_s, { name, rv, uid, rng }) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        uid,
        resourceVersion: rv,
        creationTimestamp: '2026-02-01T10:00:00Z',
        labels: { 'kubernetes.io/metadata.name': name, tenant: String(rng() < 0.5) },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    }),
  },
  {
    weight: 2,
    apiGroup: 'projectcalico.org',
    resource: 'tiers',
    build: (_s, { name, rv, uid, rng }) => ({
      apiVersion: 'projectcalico.org/v3',
      kind: 'Tier',
      metadata: { name, uid, resourceVersion: rv, creationTimestamp: '2026-02-01T10:00:00Z' },
      spec: { order: 100 + Math.floor(rng() * 400), defaultAction: rng() < 0.8 ? 'Deny' : 'Pass' },
    }),
  },
];
const TRACKED_TOTAL = TRACKED_KINDS.reduce((sum, k) => sum + k.weight, 0);

/**
 * Tracked changes over a fixed population of synthetic objects: each object is created first,
 * then updated or patched, now and then deleted (and later created again); a few attempts are
 * denied. Namespaces are only created and relabelled here: deleting one cascades to everything in
 * it, which a stream of this size would do far more often than a real cluster.
 */
export function trackedChanges(samples, { objects, seed, runId }) {
  const rng = seededRandom(seed);
  const population = Array.from({ length: objects }, (_, i) => {
    let roll = rng() * TRACKED_TOTAL;
    let kind = TRACKED_KINDS[0];
    for (const k of TRACKED_KINDS) {
      roll -= k.weight;
      if (roll < 0) {
        kind = k;
        break;
      }
    }
    const tier = pick(rng, TIERS);
    const base =
      kind.resource === 'namespaces'
        ? `synthetic-team-${i}`
        : kind.resource === 'tiers'
          ? `synthetic-tier-${i}`
          : `synthetic-${kind.resource.replace(/s$/, '')}-${i}`;
    const name =
      kind.apiGroup === 'projectcalico.org' && kind.resource !== 'tiers' && tier !== 'default'
        ? `${tier}.${base}`
        : base;
    return {
      kind,
      name,
      tier,
      namespace: kind.namespaced ? pick(rng, NAMESPACES) : undefined,
      id: `synthetic-${runId}-${i}`,
      uid: `synthetic-${runId}-${i}`,
      incarnation: 0,
      exists: false,
      rv: 1000,
    };
  });
  return (at) => {
    const o = pick(rng, population);
    const [user, groups] = pick(rng, PEOPLE);
    const denied = rng() < 0.03;
    let verb;
    if (!o.exists) verb = 'create';
    else if (o.kind.resource !== 'namespaces' && rng() < 0.04) verb = 'delete';
    else verb = rng() < 0.6 ? 'update' : 'patch';
    if (!denied) o.rv += 1;
    if (verb === 'create' && !denied) {
      o.incarnation += 1;
      o.uid = `${o.id}-${o.incarnation}`;
    }
    const object = o.kind.build(samples, {
      name: o.name,
      namespace: o.namespace,
      tier: o.tier,
      rv: String(o.rv),
      uid: o.uid,
      rng,
    });
    const status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: o.name, group: o.kind.apiGroup, kind: o.kind.resource, uid: o.uid },
    };
    const requestObject =
      verb === 'delete'
        ? { kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1', propagationPolicy: 'Background' }
        : verb === 'patch'
          ? { metadata: { labels: { 'synthetic/revision': String(o.rv) } } }
          : object;
    if (!denied) o.exists = verb !== 'delete';
    return samples.syntheticAuditEvent({
      verb,
      apiGroup: o.kind.apiGroup,
      resource: o.kind.resource,
      namespace: o.namespace,
      name: o.name,
      user,
      groups,
      code: denied ? 403 : verb === 'create' ? 201 : 200,
      level: 'RequestResponse',
      requestObject,
      responseObject: denied ? undefined : verb === 'delete' ? status : object,
      at: microTime(at.ms, at.micros),
      auditID: randomUUID(),
      sourceIP: `10.1.${Math.floor(rng() * 4)}.${Math.floor(rng() * 250)}`,
    });
  };
}

/** Event times: `perSecond` events a second from a fixed start, with microseconds. */
function clock(start, perSecond) {
  let i = 0;
  return () => {
    const micros = i * (1_000_000 / perSecond);
    i += 1;
    return { ms: start + Math.floor(micros / 1000), micros: Math.floor(micros % 1000) };
  };
}

const START = Date.parse('2026-03-01T08:00:00Z');

/**
 * The firehose: `count` audit events of which one in `trackedEvery` is a tracked change. Yields
 * { value: Buffer, tracked: boolean }.
 */
export function* syntheticFirehose(samples, { count, trackedEvery, seed, runId }) {
  const rng = seededRandom(seed);
  const tracked = trackedChanges(samples, { objects: 500, seed: seed + 1, runId });
  const next = clock(START, 2_000);
  for (let i = 0; i < count; i++) {
    const at = next();
    const isTracked = i % trackedEvery === trackedEvery - 1;
    const value = isTracked ? tracked(at) : untrackedEvent(rng, at);
    yield { value: Buffer.from(JSON.stringify(value)), tracked: isTracked };
  }
}

/** Only tracked changes, over `objects` objects. */
export function* syntheticTrackedStream(samples, { count, objects, seed, runId }) {
  const tracked = trackedChanges(samples, { objects, seed, runId });
  const next = clock(START, 20);
  for (let i = 0; i < count; i++)
    yield { value: Buffer.from(JSON.stringify(tracked(next()))), tracked: true };
}
