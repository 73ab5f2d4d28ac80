import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditChange } from './audit-change';
import type { AuditEvent } from './audit-event';
import { classifyAuditEvent } from './classify-audit-event';
import { decodeAuditMessage } from './decode-audit-message';
import { effectiveUser } from './effective-user';
import { mightConcernTrackedResources } from './might-concern-tracked-resources';
import {
  REAL_AUDIT_FIXTURES_DIR,
  type RealAuditFixture,
  readRealAuditFixture,
} from './testing/real-audit-fixtures';

function decodeFixture(name: RealAuditFixture): AuditEvent[] {
  const decoded = decodeAuditMessage(readRealAuditFixture(name));
  expect(decoded.failures).toEqual([]);
  return decoded.events;
}

function onlyChangeOf(name: RealAuditFixture): AuditChange {
  const [event, ...others] = decodeFixture(name);
  expect(others).toEqual([]);
  const classification = classifyAuditEvent(event as AuditEvent);
  if (classification.kind !== 'change') throw new Error(`${name}: ${classification.reason}`);
  return classification.change;
}

function changesOf(events: readonly AuditEvent[]): AuditChange[] {
  return events.flatMap((event) => {
    const classification = classifyAuditEvent(event);
    return classification.kind === 'change' ? [classification.change] : [];
  });
}

it('finds the real fixtures from the lib', () => {
  expect(REAL_AUDIT_FIXTURES_DIR).toBe(path.resolve(__dirname, '../../../test/fixtures/k8s-audit'));
  expect(existsSync(path.join(REAL_AUDIT_FIXTURES_DIR, 'README.md'))).toBe(true);
});

describe('audit2rbac-demo-v1.jsonl (hybrid v1 with legacy timestamps, Metadata level)', () => {
  const bytes = readRealAuditFixture('audit2rbac-demo-v1.jsonl');
  const decoded = decodeAuditMessage(bytes);

  it('decodes as JSON Lines: 37 events, no failures, each raw its exact line', () => {
    expect(decoded.framing).toBe('json-lines');
    expect(decoded.failures).toEqual([]);
    expect(decoded.events).toHaveLength(37);
    const lines = bytes.toString('utf8').split('\n').filter(Boolean);
    expect(decoded.events.map((event) => event.raw)).toEqual(lines);
    expect(decoded.events.every((event) => event.rawExact && !event.sanitised)).toBe(true);
  });

  it('takes the time from metadata.creationTimestamp, as it has no stageTimestamp', () => {
    expect(decoded.events[0]?.stageAt).toBe('2017-09-11T19:55:05.000000Z');
    expect(decoded.events[0]?.requestReceivedAt).toBe('2017-09-11T19:55:05.000000Z');
    expect(decoded.events[0]?.apiVersion).toBe('audit.k8s.io/v1');
  });

  it('ignores its 403 list requests as read-only', () => {
    const forbidden = decoded.events.filter((event) => event.responseStatus?.code === 403);
    expect(forbidden).toHaveLength(11);
    for (const event of forbidden) {
      expect(classifyAuditEvent(event)).toEqual({ kind: 'ignored', reason: 'read-only-verb' });
    }
  });

  it('ignores its non-resource requests, which have no objectRef', () => {
    const nonResource = decoded.events.filter((event) => event.objectRef === undefined);
    expect(nonResource).toHaveLength(23);
    for (const event of nonResource) {
      expect(classifyAuditEvent(event)).toEqual({
        kind: 'ignored',
        reason: 'not-a-resource-request',
      });
    }
  });

  it('attributes impersonated requests to the impersonated user', () => {
    const first = decoded.events[0] as AuditEvent;
    expect(first.user.username).toBe('system:admin');
    expect(first.impersonatedUser?.username).toBe('bob');
    expect(effectiveUser(first).username).toBe('bob');
    expect(new Set(decoded.events.map((event) => effectiveUser(event).username))).toEqual(
      new Set(['bob', 'alice', 'system:serviceaccount:ns1:sa1']),
    );
  });

  it('records no change', () => {
    expect(changesOf(decoded.events)).toEqual([]);
  });

  it('drops every line at the pre-check, the discovery reads of tracked API groups included', () => {
    const named = decoded.events.filter((event) =>
      /networking\.k8s\.io|rbac\.authorization\.k8s\.io/.test(event.raw),
    );
    expect(named.map((event) => event.requestUri)).toEqual([
      '/apis/networking.k8s.io/v1',
      '/apis/rbac.authorization.k8s.io/v1',
      '/apis/rbac.authorization.k8s.io/v1beta1',
    ]);
    expect(decoded.events.filter((event) => mightConcernTrackedResources(event.raw))).toEqual([]);
  });
});

describe('audit2rbac-demo-v1beta1-rbac-excerpt.jsonl (RequestReceived/ResponseComplete pairs)', () => {
  const events = decodeFixture('audit2rbac-demo-v1beta1-rbac-excerpt.jsonl');
  const changes = changesOf(events);

  it('decodes all 40 v1beta1 lines', () => {
    expect(events).toHaveLength(40);
    expect(new Set(events.map((event) => event.apiVersion))).toEqual(
      new Set(['audit.k8s.io/v1beta1']),
    );
  });

  it('ignores every RequestReceived event as non-terminal when its verb could change state', () => {
    const received = events.filter((event) => event.stage === 'RequestReceived');
    expect(received.length).toBeGreaterThan(0);
    for (const event of received) {
      expect(classifyAuditEvent(event)).toMatchObject({
        kind: 'ignored',
        reason: ['delete', 'patch'].includes(event.verb) ? 'non-terminal-stage' : 'read-only-verb',
      });
    }
  });

  it('records each RBAC write once, at ResponseComplete, with its outcome', () => {
    expect(
      changes.map((change) => [
        change.verb,
        change.kind.resource,
        change.statusCode,
        change.outcome,
      ]),
    ).toEqual([
      ['delete', 'roles', 404, 'failed'],
      ['delete', 'rolebindings', 404, 'failed'],
      ['create', 'roles', 201, 'applied'],
      ['create', 'rolebindings', 201, 'applied'],
      ['delete', 'roles', 200, 'applied'],
      ['delete', 'rolebindings', 200, 'applied'],
      ['delete', 'clusterroles', 404, 'failed'],
      ['delete', 'clusterrolebindings', 404, 'failed'],
      ['create', 'clusterroles', 201, 'applied'],
      ['create', 'clusterrolebindings', 201, 'applied'],
      ['delete', 'clusterroles', 200, 'applied'],
      ['delete', 'clusterrolebindings', 200, 'applied'],
      ['patch', 'clusterroles', 200, 'applied'],
      ['patch', 'clusterrolebindings', 200, 'applied'],
    ]);
    expect(changes.every((change) => change.stage === 'ResponseComplete')).toBe(true);
  });

  it('keeps the 404 status reason and message on the failed delete', () => {
    expect(changes[0]).toMatchObject({
      statusReason: 'NotFound',
      statusMessage: 'roles.rbac.authorization.k8s.io "audit2rbac:bob" not found',
      target: { namespace: 'default', name: 'audit2rbac:bob', apiVersion: 'v1' },
    });
  });

  it('has no patch flavour for a Metadata-level patch, which carries no body', () => {
    const patches = changes.filter((change) => change.verb === 'patch');
    expect(patches.map((change) => change.patchFlavour)).toEqual([undefined, undefined]);
    expect(patches.map((change) => change.level)).toEqual(['Metadata', 'Metadata']);
  });
});

describe('falco samples (RequestResponse and Request level)', () => {
  it('create clusterrolebinding: both bodies, 201, the authorizer annotations', () => {
    const change = onlyChangeOf('falco-create-clusterrolebinding-cluster-admin.json');
    expect(change).toMatchObject({
      verb: 'create',
      outcome: 'applied',
      statusCode: 201,
      level: 'RequestResponse',
      kind: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRoleBinding',
        namespaced: false,
      },
      target: { name: 'some-reader-binding', apiVersion: 'v1' },
      authorization: { decision: 'allow', reason: '' },
      occurredAt: '2018-10-26T14:26:34.242498Z',
      requestReceivedAt: '2018-10-26T14:26:34.238974Z',
      truncated: false,
    });
    expect(change.target).not.toHaveProperty('uid');
    expect(change.requestObject).toMatchObject({ roleRef: { name: 'cluster-admin' } });
    expect(change.responseObject).toMatchObject({
      metadata: { uid: '23cf124e-d92b-11e8-a2e6-080027728ac4', resourceVersion: '270440' },
    });
    expect(change.actor.effective.username).toBe('minikube-user');
    expect(change.actor).not.toHaveProperty('impersonatedUser');
    expect(change.event.apiVersion).toBe('audit.k8s.io/v1');
  });

  it('patch clusterrole: a kubectl client-side apply body is a merge patch', () => {
    const change = onlyChangeOf('falco-patch-clusterrole.json');
    expect(change.verb).toBe('patch');
    expect(change.patchFlavour).toBe('merge-patch');
    expect(change.requestObject).not.toHaveProperty('kind');
    expect(change.responseObject).toMatchObject({
      kind: 'ClusterRole',
      metadata: { name: 'system:node-problem-detector', resourceVersion: '269365' },
    });
  });

  it('delete clusterrolebinding: the response is a Status, not the object', () => {
    const change = onlyChangeOf('falco-delete-clusterrolebinding.json');
    expect(change).toMatchObject({ verb: 'delete', outcome: 'applied', statusCode: 200 });
    expect(change.requestObject).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'DeleteOptions',
      propagationPolicy: 'Background',
    });
    expect(change.responseObject).toMatchObject({ kind: 'Status', status: 'Success' });
    expect(change.patchFlavour).toBeUndefined();
  });

  it('delete namespace: Request level, and the namespace == name quirk leaves no target namespace', () => {
    const change = onlyChangeOf('falco-delete-namespace.json');
    expect(change.event.objectRef).toMatchObject({ namespace: 'foo', name: 'foo', apiGroup: '' });
    expect(change).toMatchObject({
      verb: 'delete',
      outcome: 'applied',
      level: 'Request',
      kind: { apiGroup: '', resource: 'namespaces', family: 'namespace' },
      target: { name: 'foo', apiVersion: 'v1' },
    });
    expect(change.target).not.toHaveProperty('namespace');
    expect(change.responseObject).toBeUndefined();
  });

  it.each([
    'falco-create-clusterrolebinding-cluster-admin.json',
    'falco-delete-clusterrolebinding.json',
    'falco-delete-namespace.json',
    'falco-patch-clusterrole.json',
    'audit2rbac-demo-v1beta1-rbac-excerpt.jsonl',
  ] as const)('%s passes the pre-check', (name) => {
    expect(mightConcernTrackedResources(readRealAuditFixture(name))).toBe(true);
  });
});
