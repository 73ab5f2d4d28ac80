import { describe, expect, it } from 'vitest';
import type { AuditChange, IgnoredReason } from './audit-change';
import { classifyAuditEvent } from './classify-audit-event';
import { decodeOne } from './testing/decode-one';
import {
  SYNTHETIC_CALICO_GNP_CREATE,
  SYNTHETIC_CALICO_NETWORK_POLICY_UPDATE,
  SYNTHETIC_CONFLICT_UPDATE,
  SYNTHETIC_CRD_HOST_ENDPOINT_CREATE,
  SYNTHETIC_DRY_RUN_CREATE,
  SYNTHETIC_INVALID_CREATE,
  SYNTHETIC_K8S_NETWORK_POLICY_CREATE,
  SYNTHETIC_MERGE_PATCH,
  SYNTHETIC_PANIC_UPDATE,
  SYNTHETIC_SERVER_SIDE_APPLY_PATCH,
  SYNTHETIC_TIER_JSON_PATCH,
  SYNTHETIC_UNAUTHORIZED_DELETE,
  type SyntheticWireEvent,
  syntheticWireEvent,
} from './testing/synthetic-audit-events';

function changeOf(wire: SyntheticWireEvent): AuditChange {
  const classification = classifyAuditEvent(decodeOne(wire));
  if (classification.kind !== 'change') throw new Error(`ignored: ${classification.reason}`);
  return classification.change;
}

describe('classifyAuditEvent: what is ignored', () => {
  it.each<[string, SyntheticWireEvent, IgnoredReason]>([
    [
      'a non-resource request',
      syntheticWireEvent({ verb: 'get', requestURI: '/apis', objectRef: undefined }),
      'not-a-resource-request',
    ],
    [
      'a write to an untracked resource',
      syntheticWireEvent({
        objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' },
      }),
      'untracked-resource',
    ],
    [
      'a write to a tracked resource name in another group',
      syntheticWireEvent({ objectRef: { resource: 'networkpolicies', apiGroup: 'extensions' } }),
      'untracked-resource',
    ],
    ['a get of a tracked resource', syntheticWireEvent({ verb: 'get' }), 'read-only-verb'],
    ['a watch of a tracked resource', syntheticWireEvent({ verb: 'watch' }), 'read-only-verb'],
    [
      'a list of an untracked resource (reads are read-only first)',
      syntheticWireEvent({ verb: 'list', objectRef: { resource: 'pods' } }),
      'read-only-verb',
    ],
    [
      'a RequestReceived write',
      syntheticWireEvent({ stage: 'RequestReceived', responseStatus: undefined }),
      'non-terminal-stage',
    ],
    [
      'a ResponseStarted write that is not a 401',
      syntheticWireEvent({ stage: 'ResponseStarted', responseStatus: { code: 200 } }),
      'non-terminal-stage',
    ],
  ])('ignores %s', (_name, wire, reason) => {
    expect(classifyAuditEvent(decodeOne(wire))).toEqual({ kind: 'ignored', reason });
  });
});

describe('classifyAuditEvent: changes from synthetic events', () => {
  it('a Calico GlobalNetworkPolicy create at RequestResponse', () => {
    const change = changeOf(SYNTHETIC_CALICO_GNP_CREATE);
    expect(change).toMatchObject({
      auditId: 'synthetic-gnp-create',
      verb: 'create',
      outcome: 'applied',
      statusCode: 201,
      kind: {
        apiGroup: 'projectcalico.org',
        resource: 'globalnetworkpolicies',
        kind: 'GlobalNetworkPolicy',
        family: 'calico-policy',
        namespaced: false,
        directCrd: false,
      },
      target: { name: 'default.test-audit-global-policy', apiVersion: 'v3' },
      occurredAt: '2026-03-01T10:00:00.234567Z',
      requestReceivedAt: '2026-03-01T10:00:00.123456Z',
      authorization: { decision: 'allow' },
    });
    expect(change.authorization.reason).toMatch(/^RBAC: allowed by ClusterRoleBinding/);
    expect(change.responseObject).toMatchObject({
      metadata: { resourceVersion: '520443/', labels: { 'projectcalico.org/tier': 'default' } },
    });
    expect(change.actor).toEqual({
      user: change.event.user,
      effective: change.event.user,
      sourceIps: ['10.0.0.8'],
      userAgent: 'kubectl/v1.33.1 (linux/amd64) kubernetes/synthetic',
    });
    expect(change.patchFlavour).toBeUndefined();
  });

  it('a Calico NetworkPolicy update keeps its namespace, uid and opaque resourceVersion', () => {
    expect(changeOf(SYNTHETIC_CALICO_NETWORK_POLICY_UPDATE)).toMatchObject({
      verb: 'update',
      outcome: 'applied',
      kind: { kind: 'NetworkPolicy', namespaced: true, family: 'calico-policy' },
      target: {
        namespace: 'payments',
        name: 'default.allow-dns',
        uid: 'synthetic-uid-np',
        resourceVersion: '520500/',
      },
    });
  });

  it.each([
    ['a Tier patch with a JSON Patch array', SYNTHETIC_TIER_JSON_PATCH, 'json-patch'],
    ['a server-side apply', SYNTHETIC_SERVER_SIDE_APPLY_PATCH, 'apply'],
    ['a kubectl patch merge patch', SYNTHETIC_MERGE_PATCH, 'merge-patch'],
  ])('%s has its patch flavour', (_name, wire, flavour) => {
    expect(changeOf(wire)).toMatchObject({
      verb: 'patch',
      outcome: 'applied',
      patchFlavour: flavour,
    });
  });

  it('a networking.k8s.io NetworkPolicy create', () => {
    expect(changeOf(SYNTHETIC_K8S_NETWORK_POLICY_CREATE)).toMatchObject({
      kind: { apiGroup: 'networking.k8s.io', family: 'k8s-network-policy', directCrd: false },
      target: { namespace: 'payments', name: 'allow-frontend' },
      outcome: 'applied',
    });
  });

  it.each([
    ['a 409 Conflict update', SYNTHETIC_CONFLICT_UPDATE, 'failed', 409, 'Conflict'],
    ['a 422 Invalid create', SYNTHETIC_INVALID_CREATE, 'failed', 422, 'Invalid'],
    ['a dry-run create', SYNTHETIC_DRY_RUN_CREATE, 'dryrun', 201, undefined],
    ['a 401 at ResponseStarted', SYNTHETIC_UNAUTHORIZED_DELETE, 'denied', 401, 'Unauthorized'],
    ['a Panic', SYNTHETIC_PANIC_UPDATE, 'failed', 500, undefined],
  ])('%s is recorded as %s', (_name, wire, outcome, statusCode, statusReason) => {
    const change = changeOf(wire);
    expect(change.outcome).toBe(outcome);
    expect(change.statusCode).toBe(statusCode);
    expect(change.statusReason).toBe(statusReason);
  });

  it('a failed authentication has an empty effective user and no authorization', () => {
    const change = changeOf(SYNTHETIC_UNAUTHORIZED_DELETE);
    expect(change.stage).toBe('ResponseStarted');
    expect(change.actor.effective).toEqual({ username: '', groups: [], extra: {} });
    expect(change.authorization).toEqual({});
    expect(change.statusMessage).toBe('Authentication failed, attempted: basic, bearer');
  });

  it('a write to crd.projectcalico.org is a direct CRD write of the same kind', () => {
    expect(changeOf(SYNTHETIC_CRD_HOST_ENDPOINT_CREATE)).toMatchObject({
      kind: {
        apiGroup: 'crd.projectcalico.org',
        kind: 'HostEndpoint',
        family: 'calico-host-endpoint',
        directCrd: true,
      },
      target: { name: 'node-1-eth0', apiVersion: 'v1' },
    });
  });

  it('an impersonated write is authorised as the impersonated user, keeping both', () => {
    const impersonated = { username: 'bob', groups: ['system:authenticated'] };
    const change = changeOf(syntheticWireEvent({ impersonatedUser: impersonated }));
    expect(change.actor.effective).toEqual({ ...impersonated, extra: {} });
    expect(change.actor.user.username).toBe('alice@example.com');
    expect(change.actor.impersonatedUser?.username).toBe('bob');
  });

  it('a truncated event says so', () => {
    const change = changeOf(
      syntheticWireEvent({
        annotations: { 'audit.k8s.io/truncated': 'true' },
        requestObject: undefined,
        responseObject: undefined,
      }),
    );
    expect(change.truncated).toBe(true);
    expect(change.annotations).toEqual({ 'audit.k8s.io/truncated': 'true' });
  });

  it('a status subresource write keeps its subresource on the target', () => {
    const change = changeOf(
      syntheticWireEvent({
        verb: 'update',
        objectRef: {
          resource: 'networkpolicies',
          subresource: 'status',
          namespace: 'payments',
          name: 'p',
          apiGroup: 'projectcalico.org',
        },
      }),
    );
    expect(change.target).toEqual({ namespace: 'payments', name: 'p', subresource: 'status' });
  });

  it('a deletecollection has no target name', () => {
    const change = changeOf(
      syntheticWireEvent({
        verb: 'deletecollection',
        objectRef: {
          resource: 'networkpolicies',
          namespace: 'payments',
          apiGroup: 'networking.k8s.io',
        },
      }),
    );
    expect(change.verb).toBe('deletecollection');
    expect(change.target).toEqual({ namespace: 'payments' });
  });
});
