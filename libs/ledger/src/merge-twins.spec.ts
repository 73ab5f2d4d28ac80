import { describe, expect, it } from 'vitest';
import type { AuditChangeFact } from './ledger-fact';
import { mergeTwins } from './merge-twins';

function fact(
  level: AuditChangeFact['level'],
  extra: Partial<AuditChangeFact> = {},
): AuditChangeFact {
  return {
    cluster: 'c1',
    auditId: 'a1',
    stage: 'ResponseComplete',
    level,
    verb: 'create',
    outcome: 'applied',
    object: {
      apiGroup: 'projectcalico.org',
      resource: 'tiers',
      kind: 'Tier',
      family: 'calico-tier',
      namespaced: false,
      directCrd: false,
    },
    actor: {
      username: 'alice',
      groups: ['system:authenticated'],
      extra: {},
      sourceIps: ['10.0.0.1'],
    },
    authorization: { decision: 'allow', reason: 'RBAC: allowed by ClusterRoleBinding "x"' },
    requestUri: '/apis/projectcalico.org/v3/tiers',
    occurredAt: '2026-03-01T10:00:00.000001Z',
    truncated: false,
    annotations: {},
    evidence: { raw: `{"level":"${level}"}`, rawExact: true, sha256: level, sanitised: false },
    ...extra,
  };
}

describe('mergeTwins', () => {
  const metadataOnly = fact('Metadata');
  const withBodies = fact('RequestResponse', {
    object: { ...metadataOnly.object, name: 'security' },
    requestObject: { metadata: { name: 'security' } },
    responseObject: { metadata: { name: 'security', uid: 'u1' } },
    authorization: {},
  });

  it('keeps the bodies of the aggregated API server twin, whichever arrived first', () => {
    for (const pair of [
      [metadataOnly, withBodies],
      [withBodies, metadataOnly],
    ]) {
      const merged = mergeTwins(pair);
      expect(merged).toMatchObject({
        level: 'RequestResponse',
        responseObject: { metadata: { uid: 'u1' } },
        object: { name: 'security' },
      });
      expect(merged.authorization.reason).toBe('RBAC: allowed by ClusterRoleBinding "x"');
    }
  });

  it('is the single fact when there is no twin', () => {
    expect(mergeTwins([metadataOnly])).toEqual(metadataOnly);
  });
});
