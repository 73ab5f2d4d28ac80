import { describe, expect, it } from 'vitest';
import { engineFor, observed } from './testing/engine-for';
import {
  calico,
  clusterRole,
  clusterRoleBinding,
  group,
  passthrough,
  roleBinding,
  serviceAccount,
  tier,
  user,
} from './testing/synthetic-rbac-objects';
import type { WhoCanQuery } from './who-can';

const NP = 'networkpolicies.projectcalico.org';
const update: WhoCanQuery = {
  verb: 'update',
  resource: NP,
  tier: 't1',
  namespace: 'ns1',
  name: 'p1',
};
const getT1 = clusterRole('get-t1', [calico(['get'], ['tiers'], ['t1'])]);
const editT1 = clusterRole('edit-t1', [calico(['update'], ['tier.networkpolicies'], ['t1.*'])]);
const both = clusterRole('t1-admin', [
  calico(['get'], ['tiers'], ['t1']),
  calico(['*'], ['tier.networkpolicies'], ['t1.*']),
]);
const base = [...passthrough(), tier('t1'), tier('t2'), getT1, editT1, both];
const MASTERS = 'members of system:masters, allowed outside RBAC (Group system:masters)';

describe('whoCan: who satisfies every check on their own identity', () => {
  it.each([
    ['nobody but system:masters without tier rights', [], [MASTERS]],
    [
      'a user bound to a tier admin role',
      [clusterRoleBinding('a', 't1-admin', [user('alice')])],
      [MASTERS, 'User alice'],
    ],
    [
      'a user whose checks come from different bindings',
      [
        clusterRoleBinding('g', 'get-t1', [user('alice')]),
        roleBinding('ns1', 'e', { kind: 'ClusterRole', name: 'edit-t1' }, [user('alice')]),
      ],
      [MASTERS, 'User alice'],
    ],
    [
      'a user who needs system:authenticated for one check',
      [
        clusterRoleBinding('g', 'get-t1', [group('system:authenticated')]),
        clusterRoleBinding('e', 'edit-t1', [user('alice'), group('ops')]),
      ],
      [MASTERS, 'Group ops', 'User alice'],
    ],
    [
      'a special group spelled out, covering the named users',
      [
        clusterRoleBinding('all', 't1-admin', [group('system:authenticated')]),
        clusterRoleBinding('a', 't1-admin', [user('alice')]),
      ],
      [MASTERS, 'every authenticated user (Group system:authenticated)'],
    ],
    [
      'service accounts of one namespace',
      [
        clusterRoleBinding('g', 'get-t1', [group('system:serviceaccounts')]),
        roleBinding('ns1', 'e', { kind: 'ClusterRole', name: 'edit-t1' }, [
          group('system:serviceaccounts:ns1'),
        ]),
      ],
      [MASTERS, 'every service account in namespace ns1 (Group system:serviceaccounts:ns1)'],
    ],
    [
      'a RoleBinding ServiceAccount subject in its namespace',
      [
        clusterRoleBinding('g', 'get-t1', [group('system:serviceaccounts')]),
        roleBinding('ns1', 'e', { kind: 'ClusterRole', name: 'edit-t1' }, [
          serviceAccount('robot'),
        ]),
      ],
      [MASTERS, 'ServiceAccount ns1/robot'],
    ],
    [
      'a tier admin bound in another namespace only',
      [roleBinding('ns2', 'a', { kind: 'ClusterRole', name: 't1-admin' }, [user('alice')])],
      [MASTERS],
    ],
  ])('%s', (_name, bindings, expected) => {
    const answer = engineFor([...base, ...bindings]).whoCan(update);
    expect(answer.subjects.map((entry) => entry.description)).toEqual(expected);
  });

  it('reports split groups honestly as partial, with what each lacks', () => {
    const answer = engineFor([
      ...base,
      clusterRoleBinding('g', 'get-t1', [group('devs')]),
      clusterRoleBinding('e', 'edit-t1', [group('ops'), user('alice')]),
    ]).whoCan(update);
    expect(answer.subjects.map((entry) => entry.description)).toEqual([MASTERS]);
    expect(
      answer.partial.map((p) => `${p.description}: ${p.satisfies} / missing ${p.missing}`),
    ).toEqual([
      'Group devs: base,tierGet / missing tierVerb',
      'Group ops: base,tierVerb / missing tierGet',
      'User alice: base,tierVerb / missing tierGet',
    ]);
    expect(answer.requires.tierGet?.map((s) => s.name)).toEqual(['devs']);
    expect(answer.notes).toContain(
      'group membership unknown: groups are answered as "any member"; their members cannot be named',
    );
  });

  it('names the users observed in qualifying groups, marked observed', () => {
    const answer = engineFor(
      [
        ...base,
        clusterRoleBinding('g', 'get-t1', [group('devs')]),
        clusterRoleBinding('e', 'edit-t1', [group('ops'), user('alice')]),
      ],
      {
        memberships: [
          observed('dave', 'devs'),
          observed('dave', 'ops'),
          observed('erin', 'devs'),
          observed('alice', 'devs'),
        ],
      },
    ).whoCan(update);
    expect(
      answer.observed.map((entry) => [entry.description, entry.observed, entry.viaGroups]),
    ).toEqual([
      ['User alice (observed in devs)', true, ['devs']],
      ['User dave (observed in devs, ops)', true, ['devs', 'ops']],
    ]);
  });

  it('lists an observed member of system:masters as outside RBAC', () => {
    const answer = engineFor(base, { memberships: [observed('root', 'system:masters')] }).whoCan(
      update,
    );
    expect(answer.observed.map((entry) => [entry.subject.name, entry.outsideRbac])).toEqual([
      ['root', true],
    ]);
  });

  it('gives each subject its chains per check', () => {
    const answer = engineFor([
      ...base,
      clusterRoleBinding('a', 't1-admin', [user('alice')]),
    ]).whoCan(update);
    const alice = answer.subjects.find((entry) => entry.subject.name === 'alice');
    expect(Object.keys(alice?.via ?? {})).toEqual(['base', 'tierGet', 'tierVerb']);
    expect(alice?.via.tierVerb?.map((g) => `${g.binding.name} ${g.rule.resourceNames}`)).toEqual([
      'a t1.*',
    ]);
  });

  it('answers an unselected list with the tiers each subject passes in', () => {
    const answer = engineFor([
      ...base,
      clusterRole('lister', [
        calico(['get'], ['tiers']),
        calico(['list'], ['tier.networkpolicies'], ['t1.*', 't2.*']),
      ]),
      clusterRoleBinding('l', 'lister', [user('alice')]),
    ]).whoCan({ verb: 'list', resource: NP, namespace: 'ns1' });
    expect(answer.subjects.map((entry) => [entry.description, entry.tiers])).toEqual([
      [MASTERS, ['default', 't1', 't2']],
      ['User alice', ['t1', 't2']],
    ]);
  });

  it('answers nobody when the webhook would refuse the tier', () => {
    const answer = engineFor(base, { mode: 'webhook' }).whoCan({ ...update, tier: 't9' });
    expect(answer.subjects).toEqual([]);
    expect(answer.admission?.reason).toMatch(/tier "t9" does not exist/);
  });
});
