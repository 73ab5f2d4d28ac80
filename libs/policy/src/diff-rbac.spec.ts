import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RbacObjectChange } from './diff-context';
import { diffObjects } from './diff-objects';
import type { ChangeType, Risk, SemanticChange } from './semantic-change';
import { edited, netAdminsBinding, tierDefaultReader } from './testing/synthetic-seed-objects';

type Case = [
  name: string,
  before: unknown,
  after: unknown,
  type: ChangeType,
  risk: Risk,
  summary: string | RegExp,
];

/** The real third-party audit samples kept in the repository, read as they are. */
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/k8s-audit');

/** The parts of a RequestResponse audit event these tests read. */
interface RealAuditEvent {
  objectRef: { resource: string };
  responseObject: { metadata: { annotations: Record<string, string> } };
}

function realAuditEvent(file: string): RealAuditEvent {
  return JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'));
}

function expectChange(
  changes: SemanticChange[],
  type: ChangeType,
  risk: Risk,
  summary: string | RegExp,
) {
  const change = changes.find((candidate) => candidate.type === type);
  expect(change, `no ${type} in ${JSON.stringify(changes, null, 1)}`).toBeDefined();
  expect(change?.risk).toBe(risk);
  expect(change?.summary).toMatch(summary);
}

const withRule = (rule: Record<string, unknown>) =>
  edited(tierDefaultReader, (r) => r.rules.push(rule));
const withSubject = (subject: Record<string, unknown>) =>
  edited(netAdminsBinding, (b) => b.subjects.push(subject));

describe('diffObjects on roles and bindings', () => {
  it.each<Case>([
    [
      'wildcard verbs',
      tierDefaultReader,
      withRule({ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }),
      'wildcard-verbs-added',
      'high',
      'Rule 3 grants every verb (*): * on core configmaps',
    ],
    [
      'wildcard resources',
      tierDefaultReader,
      withRule({ apiGroups: [''], resources: ['*'], verbs: ['get'] }),
      'wildcard-resources-added',
      'high',
      /Rule 3 grants wildcard resources/,
    ],
    [
      'wildcard API groups',
      tierDefaultReader,
      withRule({ apiGroups: ['*'], resources: ['secrets'], verbs: ['get'] }),
      'wildcard-resources-added',
      'high',
      /\* secrets/,
    ],
    [
      'escalate and bind',
      tierDefaultReader,
      withRule({
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterroles'],
        verbs: ['escalate', 'bind'],
      }),
      'escalation-verb-granted',
      'high',
      'Rule 3 grants bind, escalate: bind, escalate on rbac.authorization.k8s.io clusterroles',
    ],
    [
      'impersonate',
      tierDefaultReader,
      withRule({ apiGroups: [''], resources: ['users'], verbs: ['impersonate'] }),
      'escalation-verb-granted',
      'high',
      /grants impersonate/,
    ],
    [
      'editing policies in one tier',
      tierDefaultReader,
      withRule({
        apiGroups: ['projectcalico.org'],
        resources: ['tier.networkpolicies'],
        resourceNames: ['security.*'],
        verbs: ['create', 'update', 'patch'],
      }),
      'tier-edit-granted',
      'medium',
      'Rule 3 grants create, patch, update on policies in tier security',
    ],
    [
      'editing policies in every tier (blank resourceNames)',
      tierDefaultReader,
      withRule({
        apiGroups: ['projectcalico.org'],
        resources: ['tier.globalnetworkpolicies', 'tier.stagednetworkpolicies'],
        verbs: ['delete'],
      }),
      'tier-edit-granted',
      'high',
      'Rule 3 grants delete on policies in all tiers',
    ],
    [
      'editing the tiers themselves',
      tierDefaultReader,
      withRule({
        apiGroups: ['projectcalico.org'],
        resources: ['tiers'],
        resourceNames: ['security'],
        verbs: ['update'],
      }),
      'tier-edit-granted',
      'high',
      'Rule 3 grants update on tier settings or policies in tier security',
    ],
    [
      'an existing tier read rule turned into a write rule',
      tierDefaultReader,
      edited(tierDefaultReader, (r) => r.rules[1].verbs.push('update')),
      'tier-edit-granted',
      'medium',
      'Rule 2 grants update on policies in tier default',
    ],
    [
      'writing Kubernetes NetworkPolicies',
      tierDefaultReader,
      withRule({
        apiGroups: ['networking.k8s.io'],
        resources: ['networkpolicies'],
        verbs: ['create'],
      }),
      'policy-edit-granted',
      'medium',
      'Rule 3 grants writing networkpolicies',
    ],
    [
      'writing Calico CRDs directly',
      tierDefaultReader,
      withRule({
        apiGroups: ['crd.projectcalico.org'],
        resources: ['globalnetworkpolicies'],
        verbs: ['update'],
      }),
      'policy-edit-granted',
      'high',
      /through crd\.projectcalico\.org \(around tier RBAC\)/,
    ],
    [
      'a plain rule added',
      tierDefaultReader,
      withRule({ apiGroups: [''], resources: ['pods'], verbs: ['get'] }),
      'rule-added',
      'low',
      'Rule 3 added: get on core pods',
    ],
    [
      'a rule removed',
      tierDefaultReader,
      edited(tierDefaultReader, (r) => r.rules.pop()),
      'rule-removed',
      'low',
      /Rule 2 removed: get, list on projectcalico\.org tier\.networkpolicies \[default\.\*\]/,
    ],
    [
      'aggregation into edit',
      tierDefaultReader,
      edited(
        tierDefaultReader,
        (r) => (r.metadata.labels = { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }),
      ),
      'aggregation-label-added',
      'high',
      'ClusterRole tier-default-reader now aggregates into edit (2 rules widen it)',
    ],
    [
      'aggregation into view',
      tierDefaultReader,
      edited(
        tierDefaultReader,
        (r) => (r.metadata.labels = { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }),
      ),
      'aggregation-label-added',
      'medium',
      /aggregates into view/,
    ],
    [
      'an aggregation rule changed',
      tierDefaultReader,
      edited(
        tierDefaultReader,
        (r) => (r.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { team: 'net' } }] }),
      ),
      'aggregation-rule-changed',
      'medium',
      /aggregation rule changed/,
    ],
    [
      'system:authenticated bound',
      netAdminsBinding,
      withSubject({ kind: 'Group', name: 'system:authenticated' }),
      'subjects-added',
      'high',
      /Group system:authenticated now has ClusterRole tier-default-reader/,
    ],
    [
      'system:unauthenticated bound',
      netAdminsBinding,
      withSubject({ kind: 'Group', name: 'system:unauthenticated' }),
      'subjects-added',
      'high',
      /system:unauthenticated/,
    ],
    [
      'every service account bound',
      netAdminsBinding,
      withSubject({ kind: 'Group', name: 'system:serviceaccounts' }),
      'subjects-added',
      'high',
      /system:serviceaccounts/,
    ],
    [
      "one namespace's service accounts bound",
      netAdminsBinding,
      withSubject({ kind: 'Group', name: 'system:serviceaccounts:ci' }),
      'subjects-added',
      'high',
      /system:serviceaccounts:ci/,
    ],
    [
      'a user bound',
      netAdminsBinding,
      withSubject({ kind: 'User', name: 'alice' }),
      'subjects-added',
      'medium',
      'User alice now has ClusterRole tier-default-reader through ClusterRoleBinding net-admins',
    ],
    [
      'a service account bound',
      netAdminsBinding,
      withSubject({ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }),
      'subjects-added',
      'medium',
      /ServiceAccount ci\/deployer/,
    ],
    [
      'a subject removed',
      netAdminsBinding,
      edited(netAdminsBinding, (b) => (b.subjects = [])),
      'subjects-removed',
      'low',
      'Group net-admins no longer has ClusterRole tier-default-reader through ClusterRoleBinding net-admins',
    ],
    [
      'roleRef changed (recreated)',
      netAdminsBinding,
      edited(netAdminsBinding, (b) => (b.roleRef.name = 'view')),
      'role-ref-changed',
      'medium',
      'ClusterRoleBinding net-admins now grants ClusterRole view (was ClusterRole tier-default-reader)',
    ],
    [
      'roleRef changed to cluster-admin',
      netAdminsBinding,
      edited(netAdminsBinding, (b) => (b.roleRef.name = 'cluster-admin')),
      'binding-to-cluster-admin',
      'high',
      'Group net-admins bound to ClusterRole cluster-admin by ClusterRoleBinding net-admins',
    ],
  ])('%s', (_name, before, after, type, risk, summary) => {
    expectChange(diffObjects(undefined, before, after), type, risk, summary);
  });

  it('reports binding-to-cluster-admin for the real falco create event', () => {
    const event = realAuditEvent('falco-create-clusterrolebinding-cluster-admin.json');
    const changes = diffObjects(event.objectRef.resource, undefined, event.responseObject);
    expect(changes.map((change) => [change.type, change.risk, change.summary])).toEqual([
      [
        'binding-to-cluster-admin',
        'high',
        'User minikube bound to ClusterRole cluster-admin by ClusterRoleBinding some-reader-binding',
      ],
      [
        'subjects-added',
        'medium',
        'User minikube now has ClusterRole cluster-admin through ClusterRoleBinding some-reader-binding',
      ],
      [
        'object-created',
        'low',
        'ClusterRoleBinding some-reader-binding created (ClusterRole cluster-admin for User minikube)',
      ],
    ]);
  });

  it('finds no change in the real falco kubectl-apply patch, which rewrote identical rules', () => {
    const event = realAuditEvent('falco-patch-clusterrole.json');
    const lastApplied = JSON.parse(
      event.responseObject.metadata.annotations[
        'kubectl.kubernetes.io/last-applied-configuration'
      ] ?? '{}',
    );
    expect(diffObjects(event.objectRef.resource, lastApplied, event.responseObject)).toEqual([]);
  });

  it('does not report grants a role already had through another rule', () => {
    const before = withRule({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] });
    const after = edited(before, (r) =>
      r.rules.push({ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }),
    );
    expect(diffObjects(undefined, before, after).map((change) => change.type)).toEqual([
      'rule-added',
    ]);
  });

  it('reports nothing when rules are reordered or their lists resorted', () => {
    const shuffled = edited(tierDefaultReader, (r) => {
      r.rules.reverse();
      r.rules[0].verbs.reverse();
    });
    expect(diffObjects(undefined, tierDefaultReader, shuffled)).toEqual([]);
  });
});

describe('the tier-editor extension point', () => {
  it('asks the RBAC engine on RBAC changes and reports what it answers', () => {
    const asked: RbacObjectChange[] = [];
    const after = withSubject({ kind: 'User', name: 'alice' });
    const changes = diffObjects(undefined, netAdminsBinding, after, {
      callbacks: {
        newTierEditors: (change) => {
          asked.push(change);
          return [
            {
              subject: { kind: 'User', name: 'alice' },
              tiers: ['security'],
              via: 'ClusterRoleBinding net-admins',
            },
          ];
        },
      },
    });
    expect(asked).toEqual([{ kind: 'ClusterRoleBinding', before: netAdminsBinding, after }]);
    expect(changes[0]).toEqual({
      type: 'tier-editor-added',
      risk: 'high',
      summary: 'User alice can now edit tier security (via ClusterRoleBinding net-admins)',
      details: { subject: 'User alice', tiers: ['security'] },
    });
  });

  it('does not ask for other kinds', () => {
    let calls = 0;
    diffObjects(
      'Tier',
      undefined,
      { kind: 'Tier', metadata: { name: 't' } },
      {
        callbacks: {
          newTierEditors: () => {
            calls += 1;
            return [];
          },
        },
      },
    );
    expect(calls).toBe(0);
  });

  it('turns a failing callback into a change instead of throwing', () => {
    const changes = diffObjects(undefined, undefined, netAdminsBinding, {
      callbacks: {
        newTierEditors: () => {
          throw new Error('RBAC snapshot not loaded');
        },
      },
    });
    expect(changes).toContainEqual({
      type: 'tier-editors-unknown',
      risk: 'medium',
      summary: 'Could not tell who can now edit tiers: RBAC snapshot not loaded',
    });
  });
});
