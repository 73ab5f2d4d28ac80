import { syntheticAuditEvent } from '@policy-ledger/samples';

/**
 * n synthetic audit events about `objects` GlobalNetworkPolicies (a create each, then updates),
 * one second apart, all with distinct auditIDs: n changes the ledger must record exactly once.
 */
export function syntheticChangeStream(
  n: number,
  options: { objects?: number; start?: string; prefix?: string } = {},
): string[] {
  const objects = options.objects ?? 40;
  const start = Date.parse(options.start ?? '2026-04-01T00:00:00Z');
  const prefix = options.prefix ?? 'gnp';
  return Array.from({ length: n }, (_, i) => {
    const name = `${prefix}-${i % objects}`;
    const created = i < objects;
    const policy = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'GlobalNetworkPolicy',
      metadata: { name, uid: `uid-${name}`, resourceVersion: String(i + 1) },
      spec: { tier: 'default', order: 100 + i, selector: 'all()', types: ['Ingress'] },
    };
    return JSON.stringify(
      syntheticAuditEvent({
        verb: created ? 'create' : 'update',
        apiGroup: 'projectcalico.org',
        resource: 'globalnetworkpolicies',
        name,
        user: `user-${i % 7}@example.com`,
        code: created ? 201 : 200,
        requestObject: policy,
        responseObject: policy,
        at: `${new Date(start + i * 1000).toISOString().slice(0, 19)}.${String(i % 1_000_000).padStart(6, '0')}Z`,
        auditID: `${prefix}-audit-${i}`,
      }),
    );
  });
}
