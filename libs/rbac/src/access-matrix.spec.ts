import { describe, expect, it } from 'vitest';
import { engineFor } from './testing/engine-for';
import {
  calico,
  clusterRole,
  clusterRoleBinding,
  group,
  passthrough,
  roleBinding,
  tier,
  user,
} from './testing/synthetic-rbac-objects';

const KINDS = [
  'networkpolicies',
  'globalnetworkpolicies',
  'stagednetworkpolicies',
  'stagedglobalnetworkpolicies',
].map((kind) => `tier.${kind}`);
const engine = engineFor([
  ...passthrough(),
  tier('t1'),
  clusterRole('t1-owner', [
    calico(['get', 'update', 'patch', 'delete'], ['tiers'], ['t1']),
    calico(['*'], KINDS, ['t1.*']),
  ]),
  clusterRoleBinding('alice', 't1-owner', [user('alice')]),
  clusterRole('t1-viewer', [
    calico(['get'], ['tiers'], ['t1']),
    calico(['get', 'list', 'watch'], KINDS, ['t1.*']),
  ]),
  clusterRoleBinding('viewers', 't1-viewer', [group('viewers')]),
  clusterRole('t1-np', [calico(['update'], ['tier.networkpolicies'], ['t1.*'])]),
  roleBinding('ns1', 'bob', { kind: 'ClusterRole', name: 't1-np' }, [user('bob')]),
  clusterRoleBinding('bob-get', 't1-viewer', [user('bob')]),
  clusterRole('tier-patcher', [calico(['patch'], ['tiers'])]),
  clusterRoleBinding('carol', 'tier-patcher', [user('carol')]),
]);

describe('accessMatrix: tiers × subjects × {view, edit, manageTier}', () => {
  const matrix = engine.accessMatrix();
  const cell = (tierName: string, subject: string) =>
    matrix.cells[matrix.tiers.indexOf(tierName)]?.[
      matrix.subjects.findIndex((s) => s.subject.name === subject)
    ];

  it('covers the snapshot tiers plus default, and every subject named in a binding', () => {
    expect(matrix.tiers).toEqual(['default', 't1']);
    expect(matrix.subjects.map((s) => s.subject.name)).toEqual([
      'system:authenticated',
      'viewers',
      'alice',
      'bob',
      'carol',
    ]);
  });

  it.each([
    ['t1', 'alice', { view: 'full', edit: 'full', manageTier: 'full' }],
    ['t1', 'viewers', { view: 'full', edit: 'none', manageTier: 'none' }],
    ['t1', 'bob', { view: 'full', edit: 'partial', manageTier: 'none' }],
    ['t1', 'carol', { view: 'none', edit: 'none', manageTier: 'partial' }],
    ['t1', 'system:authenticated', { view: 'none', edit: 'none', manageTier: 'none' }],
    ['default', 'alice', { view: 'none', edit: 'none', manageTier: 'none' }],
    ['default', 'carol', { view: 'none', edit: 'none', manageTier: 'none' }],
  ])('%s × %s', (tierName, subject, expected) => {
    expect(cell(tierName, subject)).toEqual(expected);
  });
});
