import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mightConcernTrackedResources } from './might-concern-tracked-resources';
import {
  SYNTHETIC_CALICO_GNP_CREATE,
  SYNTHETIC_CONFLICT_UPDATE,
  SYNTHETIC_CRD_HOST_ENDPOINT_CREATE,
  SYNTHETIC_K8S_NETWORK_POLICY_CREATE,
  syntheticAksEnvelope,
  syntheticEventList,
  syntheticFluentBitEnvelope,
  syntheticLine,
  syntheticWireEvent,
} from './testing/synthetic-audit-events';

const POD_CREATE = syntheticLine(
  syntheticWireEvent({
    requestURI: '/api/v1/namespaces/default/pods',
    objectRef: { resource: 'pods', namespace: 'default', name: 'web-1', apiVersion: 'v1' },
    requestObject: { kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' } },
    responseObject: undefined,
    annotations: {},
  }),
);
const LEASE_UPDATE = syntheticLine(
  syntheticWireEvent({
    verb: 'update',
    requestURI: '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler',
    objectRef: { resource: 'leases', namespace: 'kube-system', apiGroup: 'coordination.k8s.io' },
    annotations: {},
  }),
);
const NAMESPACE_DELETE = syntheticLine(
  syntheticWireEvent({
    verb: 'delete',
    requestURI: '/api/v1/namespaces/payments',
    objectRef: {
      resource: 'namespaces',
      namespace: 'payments',
      name: 'payments',
      apiVersion: 'v1',
    },
    annotations: {},
  }),
);
const ROLEBINDING_CREATE = syntheticLine(
  syntheticWireEvent({
    requestURI: '/apis/rbac.authorization.k8s.io/v1/namespaces/payments/rolebindings',
    objectRef: {
      resource: 'rolebindings',
      namespace: 'payments',
      name: 'deployers',
      apiGroup: 'rbac.authorization.k8s.io',
    },
    annotations: {},
  }),
);

const CALICO_NODE_WATCH = syntheticLine(
  syntheticWireEvent({
    verb: 'watch',
    requestURI:
      '/apis/crd.projectcalico.org/v1/networkpolicies?allowWatchBookmarks=true&resourceVersion=4711&watch=true',
    objectRef: { resource: 'networkpolicies', apiGroup: 'crd.projectcalico.org', apiVersion: 'v1' },
    annotations: {},
  }),
);
const IPAM_BLOCK_UPDATE = syntheticLine(
  syntheticWireEvent({
    verb: 'update',
    requestURI: '/apis/crd.projectcalico.org/v1/ipamblocks/192-168-3-0-26',
    objectRef: {
      resource: 'ipamblocks',
      name: '192-168-3-0-26',
      apiGroup: 'crd.projectcalico.org',
      apiVersion: 'v1',
    },
    annotations: {},
  }),
);
const CLUSTERROLE_LIST = syntheticLine(
  syntheticWireEvent({
    verb: 'list',
    requestURI: '/apis/rbac.authorization.k8s.io/v1/clusterroles?limit=500',
    objectRef: { resource: 'clusterroles', apiGroup: 'rbac.authorization.k8s.io' },
    annotations: {},
  }),
);

describe('mightConcernTrackedResources', () => {
  it.each([
    ['an irrelevant pod event', POD_CREATE, false],
    ['an irrelevant lease event', LEASE_UPDATE, false],
    ['a Fluent Bit envelope of a pod event', syntheticFluentBitEnvelope(POD_CREATE), false],
    ['an EventList of pod and lease events', `[${POD_CREATE},${LEASE_UPDATE}]`, false],
    ['JSON after whitespace, irrelevant', `\n\t ${POD_CREATE}\n`, false],
    ['an irrelevant event cut short (truncated)', POD_CREATE.slice(0, 80), true],
    ['JSON-looking garbage', '{"not json', true],
    ['a UTF-8 byte order mark before irrelevant JSON', `\uFEFF${POD_CREATE}`, false],
    ['a Calico GlobalNetworkPolicy event', syntheticLine(SYNTHETIC_CALICO_GNP_CREATE), true],
    ['a crd.projectcalico.org event', syntheticLine(SYNTHETIC_CRD_HOST_ENDPOINT_CREATE), true],
    ['a networking.k8s.io event', syntheticLine(SYNTHETIC_K8S_NETWORK_POLICY_CREATE), true],
    ['an RBAC event', syntheticLine(SYNTHETIC_CONFLICT_UPDATE), true],
    ['a namespace event', NAMESPACE_DELETE, true],
    [
      'an escaped-string envelope of a rolebinding event',
      syntheticFluentBitEnvelope(ROLEBINDING_CREATE),
      true,
    ],
    [
      'an escaped-string envelope of a namespace event',
      syntheticFluentBitEnvelope(NAMESPACE_DELETE),
      true,
    ],
    [
      'an AKS envelope of a namespace event',
      JSON.stringify(syntheticAksEnvelope(NAMESPACE_DELETE)),
      true,
    ],
    [
      'an EventList with one tracked event among irrelevant ones',
      syntheticEventList([JSON.parse(POD_CREATE), SYNTHETIC_CALICO_GNP_CREATE]),
      true,
    ],
    ['non-JSON garbage', 'kube-apiserver: I0301 10:00:00 GET /healthz', true],
    ['an empty message', '', true],
    ['whitespace only', ' \n ', true],
    ['a JSON string', '"not an object"', true],
    ['a GKE-style text line', 'protoPayload=...', true],
    ['a watch of Calico policies (a read)', CALICO_NODE_WATCH, false],
    ['a write of an untracked Calico kind', IPAM_BLOCK_UPDATE, false],
    ['a list of cluster roles (a read)', CLUSTERROLE_LIST, false],
    [
      'the tokens at the very start',
      '{"projectcalico.org":"networkpolicies","verb":"patch"}',
      true,
    ],
    ['the tokens at the very end', '["delete","tiers","networking.k8s.io"]', true],
  ])('%s → %s', (_name, message, expected) => {
    expect(mightConcernTrackedResources(message)).toBe(expected);
    expect(mightConcernTrackedResources(Buffer.from(message, 'utf8'))).toBe(expected);
  });

  it('does not mistake the requestURI segment /namespaces/ for a namespace event', () => {
    expect(POD_CREATE).toContain('/namespaces/default/');
    expect(mightConcernTrackedResources(POD_CREATE)).toBe(false);
  });

  it('reads only its own bytes of a larger buffer', () => {
    const tracked = syntheticLine(SYNTHETIC_CALICO_GNP_CREATE);
    const backing = Buffer.from(`${tracked}${POD_CREATE}${tracked}`);
    const view = new Uint8Array(
      backing.buffer,
      backing.byteOffset + tracked.length,
      POD_CREATE.length,
    );
    expect(Buffer.from(view).toString()).toBe(POD_CREATE);
    expect(mightConcernTrackedResources(view)).toBe(false);
  });

  it('finds the tokens in bytes exactly where a text search does', () => {
    const fragments = [
      ...['projectcalico.org', 'networking.k8s.io', 'rbac.authorization.k8s.io', '"namespaces'],
      ...['networkpolicies', 'tiers', 'clusterroles', 'rolebindings', 'create', 'patch', 'delete'],
      ...['projectcalico', '.org', 'rbac.', 'k8s.io', '"name', 'spaces', 'roles', 'upd', 'ate'],
      ...['"', ' ', ':', 'x', 'é', 'pro', 'ject'],
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 30 }), (parts) => {
        const message = `{${parts.join('')}}`;
        expect(mightConcernTrackedResources(Buffer.from(message, 'utf8'))).toBe(
          mightConcernTrackedResources(message),
        );
      }),
      { numRuns: 2_000 },
    );
  });
});
