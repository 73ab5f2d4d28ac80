import { describe, expect, it } from 'vitest';
import { broadTierEditorsRule } from './broad-tier-editors-rule';
import { directCrdWritesRule } from './direct-crd-writes-rule';
import { escalationVerbsRule } from './escalation-verbs-rule';
import { integrationTierEditorsRule } from './integration-tier-editors-rule';
import type { AccessEntry, IndirectAccess, Subject, TierAccess } from './report-model';
import { runRule, severitiesOf } from './testing/run-rule';
import {
  clusterAdmin,
  clusterRole,
  clusterRoleBinding,
  group,
  type Json,
  serviceAccount,
  sgLocalTier,
  tierAccess,
  tierDefaultReader,
  tierSecurityEditor,
  user,
} from './testing/synthetic-inventory';
import { wildcardRbacRule } from './wildcard-rbac-rule';

const calicoAdmin = clusterRole('calico-admin', [
  { apiGroups: ['projectcalico.org'], resources: ['*'], verbs: ['*'] },
]);
const rbacManager = clusterRole('rbac-manager', [
  {
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['clusterroles', 'clusterrolebindings'],
    verbs: ['bind', 'escalate', 'get'],
  },
]);
const tierDefaultEditor = clusterRole('tier-default-editor', [
  {
    apiGroups: ['projectcalico.org'],
    resources: ['tier.networkpolicies'],
    resourceNames: ['default.*'],
    verbs: ['create', 'update', 'patch', 'delete'],
  },
]);
const roleBinding = (
  name: string,
  namespaceName: string,
  role: string,
  subjects: Json[],
): Json => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name, namespace: namespaceName },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  subjects,
});

function editor(subject: Subject, via: string): AccessEntry {
  return {
    subject,
    verbs: ['create', 'update', 'patch', 'delete'],
    kinds: ['networkpolicies'],
    scope: 'cluster',
    names: 'all',
    via: [via],
  };
}

function indirect(
  subject: Subject,
  path: IndirectAccess['path'],
  detail = `${path} path`,
): IndirectAccess {
  return { subject, path, detail };
}

describe('PL-RBAC-001 wildcard RBAC on RBAC or Calico resources', () => {
  it.each([
    [
      'projectcalico.org * bound to a user',
      [
        calicoAdmin,
        clusterRoleBinding('calico-admins', 'calico-admin', [user('alice@example.com')]),
      ],
      ['high'],
    ],
    [
      'cluster-admin bound only to system:masters',
      [
        clusterAdmin,
        clusterRoleBinding('cluster-admin', 'cluster-admin', [group('system:masters')]),
      ],
      [],
    ],
    [
      'cluster-admin bound to a platform group',
      [
        clusterAdmin,
        clusterRoleBinding('platform-admins', 'cluster-admin', [group('platform-admins')]),
      ],
      ['high'],
    ],
    ['a wildcard role bound to nobody', [calicoAdmin], []],
    [
      'a tier-scoped editor role',
      [
        tierSecurityEditor,
        clusterRoleBinding('netsec-edits', 'tier-security-editor', [group('netsec-team')]),
      ],
      [],
    ],
    [
      'a wildcard on another group (apps)',
      [
        clusterRole('apps-admin', [{ apiGroups: ['apps'], resources: ['*'], verbs: ['*'] }]),
        clusterRoleBinding('apps', 'apps-admin', [group('dev')]),
      ],
      [],
    ],
    [
      'bound to a kube-system service account',
      [
        calicoAdmin,
        clusterRoleBinding('ops', 'calico-admin', [serviceAccount('kube-system', 'operator')]),
      ],
      [],
    ],
    [
      'bound in one namespace by a RoleBinding',
      [calicoAdmin, roleBinding('team-admin', 'production', 'calico-admin', [group('team-a')])],
      ['high'],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(wildcardRbacRule, objects))).toEqual(expected);
  });

  it('says where the binding applies', () => {
    const [finding] = runRule(wildcardRbacRule, [
      calicoAdmin,
      roleBinding('team-admin', 'production', 'calico-admin', [group('team-a')]),
    ]);
    expect(finding?.description).toContain('RoleBinding team-admin (in namespace production)');
    expect(finding?.description).toContain(
      'rule 1: apiGroups projectcalico.org, resources *, verbs *',
    );
  });
});

describe('PL-RBAC-002 privilege-escalation grants', () => {
  it.each([
    [
      'bind and escalate for a CI service account',
      [
        rbacManager,
        clusterRoleBinding('ci-rbac', 'rbac-manager', [serviceAccount('ci', 'deployer')]),
      ],
      [],
      ['high'],
    ],
    [
      'impersonate for a user',
      [
        clusterRole('impersonator', [
          { apiGroups: [''], resources: ['users'], verbs: ['impersonate'] },
        ]),
        clusterRoleBinding('imp', 'impersonator', [user('bob@example.com')]),
      ],
      [],
      ['high'],
    ],
    [
      'bind for a kube-system controller',
      [
        rbacManager,
        clusterRoleBinding('ctrl', 'rbac-manager', [serviceAccount('kube-system', 'ctrl')]),
      ],
      [],
      [],
    ],
    [
      'an impersonate path from the tier-access analysis',
      [],
      [
        tierAccess('security', {
          indirect: [indirect({ kind: 'User', name: 'bob@example.com' }, 'impersonate')],
        }),
      ],
      ['high'],
    ],
    [
      'the same subject from roles and from the analysis is reported once',
      [
        rbacManager,
        clusterRoleBinding('ci-rbac', 'rbac-manager', [serviceAccount('ci', 'deployer')]),
      ],
      [
        tierAccess('security', {
          indirect: [
            indirect({ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }, 'bind'),
          ],
        }),
      ],
      ['high'],
    ],
    [
      'a crd-write path belongs to PL-RBAC-005',
      [],
      [
        tierAccess('security', {
          indirect: [indirect({ kind: 'User', name: 'carol' }, 'crd-write')],
        }),
      ],
      [],
    ],
    [
      "a system:masters path is the admins' own",
      [],
      [
        tierAccess('security', {
          indirect: [indirect({ kind: 'Group', name: 'system:masters' }, 'system:masters')],
        }),
      ],
      [],
    ],
  ])('%s', (_name, objects, access: TierAccess[], expected) => {
    expect(severitiesOf(runRule(escalationVerbsRule, objects, { tierAccess: access }))).toEqual(
      expected,
    );
  });
});

describe('PL-RBAC-003 broad group can edit network policy', () => {
  it.each([
    [
      'system:authenticated bound to a default-tier editor role',
      [
        tierDefaultEditor,
        clusterRoleBinding('everyone', 'tier-default-editor', [group('system:authenticated')]),
      ],
      [],
      ['critical'],
    ],
    [
      'system:serviceaccounts as a policy editor in the analysis',
      [],
      [
        tierAccess('default', {
          policyEditors: [
            editor(
              { kind: 'Group', name: 'system:serviceaccounts' },
              'ClusterRoleBinding sa-edit → ClusterRole edit-all (rule 1)',
            ),
          ],
        }),
      ],
      ['critical'],
    ],
    [
      'system:authenticated may only read',
      [
        tierDefaultReader,
        clusterRoleBinding('everyone-reads', 'tier-default-reader', [
          group('system:authenticated'),
        ]),
      ],
      [],
      [],
    ],
    [
      'a team group edits its tier',
      [],
      [
        tierAccess('security', {
          policyEditors: [
            editor(
              { kind: 'Group', name: 'netsec-team' },
              'ClusterRoleBinding netsec-edits → ClusterRole tier-security-editor (rule 2)',
            ),
          ],
        }),
      ],
      [],
    ],
    [
      'the same group from a binding and from the analysis',
      [
        tierDefaultEditor,
        clusterRoleBinding('everyone', 'tier-default-editor', [group('system:authenticated')]),
      ],
      [
        tierAccess('default', {
          policyEditors: [
            editor(
              { kind: 'Group', name: 'system:authenticated' },
              'ClusterRoleBinding everyone → ClusterRole tier-default-editor (rule 1)',
            ),
          ],
        }),
      ],
      ['critical'],
    ],
    [
      'Kubernetes NetworkPolicy edit for every service account of a namespace',
      [
        clusterRole('np-editor', [
          {
            apiGroups: ['networking.k8s.io'],
            resources: ['networkpolicies'],
            verbs: ['create', 'patch'],
          },
        ]),
        clusterRoleBinding('ns-sa', 'np-editor', [group('system:serviceaccounts:ci')]),
      ],
      [],
      ['critical'],
    ],
  ])('%s', (_name, objects, access: TierAccess[], expected) => {
    expect(severitiesOf(runRule(broadTierEditorsRule, objects, { tierAccess: access }))).toEqual(
      expected,
    );
  });

  it('explains the group in words and names the binding once', () => {
    const [finding] = runRule(
      broadTierEditorsRule,
      [
        tierDefaultEditor,
        clusterRoleBinding('everyone', 'tier-default-editor', [group('system:authenticated')]),
      ],
      {
        tierAccess: [
          tierAccess('default', {
            policyEditors: [
              editor(
                { kind: 'Group', name: 'system:authenticated' },
                'ClusterRoleBinding everyone → ClusterRole tier-default-editor (rule 1)',
              ),
            ],
          }),
        ],
      },
    );
    expect(finding?.description).toBe(
      'Group system:authenticated (every authenticated user) can edit network policy in tier default, through ClusterRoleBinding everyone → ClusterRole tier-default-editor (rule 1): anyone in that group can remove a guardrail, and the audit trail names only whoever used it.',
    );
  });
});

describe('PL-RBAC-004 integration tier editable by non-admins', () => {
  const developers = editor(
    { kind: 'Group', name: 'developers' },
    'ClusterRoleBinding dev-all-tiers → ClusterRole tier-all-editor (rule 1)',
  );
  const admins = editor(
    { kind: 'Group', name: 'platform-admins' },
    'ClusterRoleBinding platform-admins → ClusterRole platform-admin (rule 1)',
  );

  it.each([
    [
      'developers can edit sg-local',
      [sgLocalTier],
      [tierAccess('sg-local', { policyEditors: [developers] })],
      ['high'],
    ],
    [
      'only cluster administrators can edit it',
      [
        sgLocalTier,
        clusterAdmin,
        clusterRoleBinding('platform-admins', 'cluster-admin', [group('platform-admins')]),
      ],
      [tierAccess('sg-local', { policyEditors: [admins] })],
      [],
    ],
    [
      'an editor through cluster-admin',
      [sgLocalTier],
      [
        tierAccess('sg-local', {
          tierModifiers: [
            editor(
              { kind: 'User', name: 'root@example.com' },
              'ClusterRoleBinding break-glass → ClusterRole cluster-admin (rule 1)',
            ),
          ],
        }),
      ],
      [],
    ],
    [
      'the integration controller itself',
      [sgLocalTier],
      [
        tierAccess('sg-local', {
          policyEditors: [
            editor(
              { kind: 'ServiceAccount', name: 'operator', namespace: 'tigera-operator' },
              'ClusterRoleBinding tigera → ClusterRole tigera (rule 3)',
            ),
          ],
        }),
      ],
      [],
    ],
    ['the tier exists but no access analysis was supplied', [sgLocalTier], [], ['info']],
    [
      'no integration tier in the cluster',
      [],
      [tierAccess('security', { policyEditors: [developers] })],
      [],
    ],
  ])('%s', (_name, objects, access: TierAccess[], expected) => {
    expect(
      severitiesOf(runRule(integrationTierEditorsRule, objects, { tierAccess: access })),
    ).toEqual(expected);
  });
});

describe('PL-RBAC-005 direct writes to crd.projectcalico.org', () => {
  const flux: Subject = { kind: 'ServiceAccount', name: 'flux', namespace: 'gitops' };

  it.each([
    [
      'a GitOps service account can write CRDs',
      [tierAccess('default', { indirect: [indirect(flux, 'crd-write')] })],
      ['high'],
    ],
    [
      'the Calico API server writes them by design',
      [
        tierAccess('default', {
          indirect: [
            indirect(
              { kind: 'ServiceAccount', name: 'calico-apiserver', namespace: 'calico-apiserver' },
              'crd-write',
            ),
          ],
        }),
      ],
      [],
    ],
    [
      'one subject, two tiers: one finding',
      [
        tierAccess('default', { indirect: [indirect(flux, 'crd-write')] }),
        tierAccess('security', { indirect: [indirect(flux, 'crd-write')] }),
      ],
      ['high'],
    ],
    [
      'an impersonation path is not a CRD write',
      [tierAccess('default', { indirect: [indirect(flux, 'impersonate')] })],
      [],
    ],
  ])('%s', (_name, access, expected) => {
    expect(severitiesOf(runRule(directCrdWritesRule, [], { tierAccess: access }))).toEqual(
      expected,
    );
  });

  it('ignores the access analysis of other clusters', () => {
    const other = {
      ...tierAccess('default', { indirect: [indirect(flux, 'crd-write')] }),
      cluster: 'synthetic-staging',
    };
    expect(runRule(directCrdWritesRule, [], { tierAccess: [other] })).toEqual([]);
  });
});
