import { describe, expect, it } from 'vitest';
import { type ClusterScope, checkPermission } from './check-permission';
import type { Action, SubjectType } from './define-ability-for';
import type { Role } from './role';

type Case = [
  role: Role,
  clusters: string[] | null,
  action: Action,
  subject: SubjectType,
  scope: ClusterScope,
];

const prod: ClusterScope = { cluster: 'prod' };
const staging: ClusterScope = { cluster: 'staging' };
const every: ClusterScope = { cluster: '*' };

describe('checkPermission by role, every cluster allowed', () => {
  it.each<Case>([
    ['auditor', null, 'read', 'Change', prod],
    ['auditor', null, 'read', 'Object', prod],
    ['auditor', null, 'read', 'Inventory', prod],
    ['auditor', null, 'read', 'Integrity', prod],
    ['auditor', null, 'read', 'Report', prod],
    ['auditor', null, 'create', 'Report', prod],
    ['auditor', null, 'read', 'ReportSchedule', prod],
    ['auditor', null, 'create', 'ReportSchedule', prod],
    ['auditor', null, 'create', 'Report', every],
    ['soc', null, 'read', 'Change', prod],
    ['soc', null, 'read', 'Object', prod],
    ['soc', null, 'read', 'Inventory', prod],
    ['soc', null, 'read', 'Integrity', prod],
    ['soc', null, 'stream', 'Change', prod],
    ['soc', null, 'query', 'Rbac', prod],
    ['soc', null, 'read', 'Change', every],
    ['admin', null, 'manage', 'Token', 'none'],
    ['admin', null, 'read', 'AccessLog', 'none'],
    ['admin', null, 'create', 'Import', prod],
    ['admin', null, 'create', 'Report', every],
    ['admin', null, 'stream', 'Change', staging],
    ['admin', null, 'query', 'Rbac', prod],
  ])('%s (clusters %j) may %s %s in %j', (role, clusters, action, subject, scope) => {
    expect(checkPermission({ role, clusters }, action, subject, scope)).toEqual({ allowed: true });
  });

  it.each<[...Case, reason: string]>([
    [
      'auditor',
      null,
      'stream',
      'Change',
      prod,
      'role auditor may not stream Change in cluster prod',
    ],
    ['auditor', null, 'query', 'Rbac', prod, 'role auditor may not query Rbac in cluster prod'],
    [
      'auditor',
      null,
      'create',
      'Import',
      prod,
      'role auditor may not create Import in cluster prod',
    ],
    ['auditor', null, 'manage', 'Token', 'none', 'role auditor may not manage Token'],
    ['auditor', null, 'read', 'AccessLog', 'none', 'role auditor may not read AccessLog'],
    [
      'auditor',
      null,
      'create',
      'Change',
      prod,
      'role auditor may not create Change in cluster prod',
    ],
    ['soc', null, 'read', 'Report', prod, 'role soc may not read Report in cluster prod'],
    ['soc', null, 'create', 'Report', prod, 'role soc may not create Report in cluster prod'],
    [
      'soc',
      null,
      'read',
      'ReportSchedule',
      prod,
      'role soc may not read ReportSchedule in cluster prod',
    ],
    ['soc', null, 'stream', 'Object', prod, 'role soc may not stream Object in cluster prod'],
    ['soc', null, 'create', 'Import', prod, 'role soc may not create Import in cluster prod'],
    ['soc', null, 'manage', 'Token', 'none', 'role soc may not manage Token'],
    ['soc', null, 'read', 'AccessLog', 'none', 'role soc may not read AccessLog'],
  ])('%s (clusters %j) may not %s %s in %j', (role, clusters, action, subject, scope, reason) => {
    expect(checkPermission({ role, clusters }, action, subject, scope)).toEqual({
      allowed: false,
      reason,
    });
  });
});

describe('checkPermission for principals limited to some clusters', () => {
  it.each<Case>([
    ['soc', ['prod'], 'read', 'Change', prod],
    ['soc', ['prod', 'staging'], 'stream', 'Change', staging],
    ['auditor', ['prod'], 'create', 'Report', prod],
    ['admin', ['prod'], 'create', 'Import', prod],
    ['admin', ['prod'], 'manage', 'Token', 'none'],
    ['admin', ['prod'], 'read', 'AccessLog', 'none'],
  ])('%s (clusters %j) may %s %s in %j', (role, clusters, action, subject, scope) => {
    expect(checkPermission({ role, clusters }, action, subject, scope)).toEqual({ allowed: true });
  });

  it.each<[...Case, reason: string]>([
    [
      'soc',
      ['prod'],
      'read',
      'Change',
      staging,
      'role soc may not read Change in cluster staging (limited to clusters prod)',
    ],
    [
      'soc',
      ['prod'],
      'read',
      'Change',
      every,
      'role soc may not read Change in every cluster (limited to clusters prod)',
    ],
    [
      'auditor',
      ['prod', 'staging'],
      'create',
      'Report',
      every,
      'role auditor may not create Report in every cluster (limited to clusters prod, staging)',
    ],
    [
      'admin',
      ['prod'],
      'create',
      'Import',
      staging,
      'role admin may not create Import in cluster staging (limited to clusters prod)',
    ],
    [
      'admin',
      ['prod'],
      'manage',
      'Report',
      every,
      'role admin may not manage Report in every cluster (limited to clusters prod)',
    ],
    [
      'soc',
      [],
      'read',
      'Change',
      prod,
      'role soc may not read Change in cluster prod (limited to no cluster)',
    ],
    [
      'soc',
      ['prod'],
      'read',
      'Report',
      prod,
      'role soc may not read Report in cluster prod (limited to clusters prod)',
    ],
  ])('%s (clusters %j) may not %s %s in %j', (role, clusters, action, subject, scope, reason) => {
    expect(checkPermission({ role, clusters }, action, subject, scope)).toEqual({
      allowed: false,
      reason,
    });
  });
});
