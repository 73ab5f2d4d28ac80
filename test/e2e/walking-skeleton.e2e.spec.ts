import {
  realAuditSampleMessages,
  syntheticAuditEvent,
  syntheticGlobalNetworkPolicy,
} from '@policy-ledger/samples';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, type RunningApp, startApp } from '../support/app-process';
import { createTopic, produce, uniqueName } from '../support/kafka';
import { createToken } from '../support/operator-cli';

interface ChangeItem {
  actor: { username: string };
  verb: string;
  resource: string;
  name: string | null;
  outcome: string;
  occurredAt: string;
}

const gnp = syntheticGlobalNetworkPolicy('default-deny', {
  tier: 'default',
  order: 1000,
  selector: 'all()',
  types: ['Ingress', 'Egress'],
});
const syntheticGnpCreate = syntheticAuditEvent({
  verb: 'create',
  apiGroup: 'projectcalico.org',
  resource: 'globalnetworkpolicies',
  name: 'default-deny',
  user: 'alice@example.com',
  code: 201,
  requestObject: gnp,
  responseObject: gnp,
  at: '2026-03-02T09:00:00.123456Z',
});

// Read off the fixture files by hand (see test/fixtures/k8s-audit/README.md): every create, update,
// patch and delete of a tracked object that reached a terminal stage; reads, RequestReceived
// stages and untracked resources (pods, nodes, configmaps, secrets) are not changes.
const expected = [
  ...['roles', 'rolebindings'].flatMap((r) => [
    {
      user: 'system:admin',
      verb: 'delete',
      resource: `${r}.rbac.authorization.k8s.io`,
      name: 'audit2rbac:bob',
      outcome: 'failed',
    },
    {
      user: 'system:admin',
      verb: 'create',
      resource: `${r}.rbac.authorization.k8s.io`,
      name: 'audit2rbac:bob',
      outcome: 'applied',
    },
    {
      user: 'system:admin',
      verb: 'delete',
      resource: `${r}.rbac.authorization.k8s.io`,
      name: 'audit2rbac:bob',
      outcome: 'applied',
    },
  ]),
  ...['clusterroles', 'clusterrolebindings'].flatMap((r) => [
    {
      user: 'system:admin',
      verb: 'delete',
      resource: `${r}.rbac.authorization.k8s.io`,
      name: 'audit2rbac:bob',
      outcome: 'failed',
    },
    {
      user: 'system:admin',
      verb: 'create',
      resource: `${r}.rbac.authorization.k8s.io`,
      name: 'audit2rbac:bob',
      outcome: 'applied',
    },
    {
      user: 'system:admin',
      verb: 'delete',
      resource: `${r}.rbac.authorization.k8s.io`,
      name: 'audit2rbac:bob',
      outcome: 'applied',
    },
    {
      user: 'system:admin',
      verb: 'patch',
      resource: `${r}.rbac.authorization.k8s.io`,
      name: 'audit2rbac:bob',
      outcome: 'applied',
    },
  ]),
  {
    user: 'minikube-user',
    verb: 'create',
    resource: 'clusterrolebindings.rbac.authorization.k8s.io',
    name: 'some-reader-binding',
    outcome: 'applied',
  },
  {
    user: 'minikube-user',
    verb: 'delete',
    resource: 'clusterrolebindings.rbac.authorization.k8s.io',
    name: 'some-reader-binding',
    outcome: 'applied',
  },
  {
    user: 'minikube-user',
    verb: 'delete',
    resource: 'namespaces',
    name: 'foo',
    outcome: 'applied',
  },
  {
    user: 'minikube-user',
    verb: 'patch',
    resource: 'clusterroles.rbac.authorization.k8s.io',
    name: 'system:node-problem-detector',
    outcome: 'applied',
  },
  {
    user: 'alice@example.com',
    verb: 'create',
    resource: 'globalnetworkpolicies.projectcalico.org',
    name: 'default-deny',
    outcome: 'applied',
  },
];

const sortKey = (c: {
  user: string;
  verb: string;
  resource: string;
  name: string | null;
  outcome: string;
}) => `${c.user} ${c.verb} ${c.resource} ${c.name} ${c.outcome}`;

describe('walking skeleton: real audit samples flow Kafka → PostgreSQL → HTTP', () => {
  const topic = uniqueName('skeleton');
  const cluster = uniqueName('skeleton');
  let ingestor: RunningApp | undefined;
  let api: RunningApp | undefined;
  let token = '';

  beforeAll(async () => {
    await createTopic(topic, 1);
    await produce(
      topic,
      [...realAuditSampleMessages(inject('rootDir')), JSON.stringify(syntheticGnpCreate)].map(
        (value) => ({ value }),
      ),
    );
    ingestor = await startApp('ingestor', {
      AUDIT_TOPICS: topic,
      DEFAULT_CLUSTER: cluster,
      KAFKA_GROUP_ID: uniqueName('group'),
    });
    api = await startApp('api', { DEFAULT_CLUSTER: cluster });
    // The api wants a bearer token: an operator creates one with the cli, which prints it last.
    token = (await createToken('soc', uniqueName('skeleton'))).token;
  });

  afterAll(async () => {
    await Promise.all([ingestor?.stop(), api?.stop()]);
  });

  it('lists exactly the RBAC, namespace and policy changes, with their users and verbs, newest first', async () => {
    const items = await eventually(
      async () => {
        const response = await fetch(`${api!.url}/v1/changes`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await response.json()) as { items: ChangeItem[] };
        return body.items.length >= expected.length ? body.items : undefined;
      },
      { what: `${expected.length} changes` },
    );
    const got = items.map((i) => ({
      user: i.actor.username,
      verb: i.verb,
      resource: i.resource,
      name: i.name,
      outcome: i.outcome,
    }));
    expect(got.map(sortKey).sort()).toEqual(expected.map(sortKey).sort());
    const times = items.map((i) => i.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
  });
});
