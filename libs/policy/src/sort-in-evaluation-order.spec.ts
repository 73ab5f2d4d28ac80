import { describe, expect, it } from 'vitest';
import { sortInEvaluationOrder } from './sort-in-evaluation-order';
import {
  allowDns,
  backendEgress,
  blockThreatFeeds,
  defaultDeny,
  kubernetesAllowFrontend,
  namespaceIsolation,
  platformTier,
  securityTier,
} from './testing/synthetic-seed-objects';
import { toPolicyModel } from './to-policy-model';
import { toTierModel } from './to-tier-model';

const policy = (name: string, tier: string, order?: number, namespace?: string) =>
  toPolicyModel({
    apiVersion: 'projectcalico.org/v3',
    kind: namespace === undefined ? 'GlobalNetworkPolicy' : 'NetworkPolicy',
    metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
    spec: { tier, ...(order === undefined ? {} : { order }) },
  });

const names = (
  tiers: Parameters<typeof sortInEvaluationOrder>[0],
  policies: Parameters<typeof sortInEvaluationOrder>[1],
) =>
  sortInEvaluationOrder(tiers, policies).map((p) =>
    p.namespace === undefined ? p.name : `${p.namespace}/${p.name}`,
  );

describe('sortInEvaluationOrder', () => {
  it('orders the seed policies of the default tier by order, Kubernetes policies at 1000', () => {
    const policies = [
      defaultDeny,
      allowDns,
      namespaceIsolation,
      blockThreatFeeds,
      backendEgress,
      kubernetesAllowFrontend,
    ].map((object) => toPolicyModel(object));
    expect(names([], policies)).toEqual([
      'block-threat-feeds',
      'allow-dns',
      'production/backend-egress',
      'namespace-isolation',
      'default-deny',
      'production/allow-frontend',
    ]);
  });

  it.each([
    [
      'tiers by order, the default tier at 1,000,000',
      [policy('d', 'default', 1), policy('s', 'security', 900), policy('p', 'platform', 1)],
      ['s', 'p', 'd'],
    ],
    [
      'unordered tiers last, by name',
      [policy('z', 'zeta'), policy('a', 'alpha'), policy('d', 'default')],
      ['d', 'a', 'z'],
    ],
    [
      'unordered policies last within a tier',
      [policy('b', 'default'), policy('a', 'default', 5)],
      ['a', 'b'],
    ],
    ['ties by name', [policy('b', 'default', 5), policy('a', 'default', 5)], ['a', 'b']],
    [
      'namespaced ties by namespace/name',
      [policy('a', 'default', 5, 'zz'), policy('b', 'default', 5, 'aa')],
      ['aa/b', 'zz/a'],
    ],
    ['float orders', [policy('b', 'default', 10.5), policy('a', 'default', 10.25)], ['a', 'b']],
  ])('sorts %s', (_name, policies, expected) => {
    expect(names([securityTier, platformTier].map(toTierModel), policies)).toEqual(expected);
  });

  it('does not reorder its input', () => {
    const input = [policy('b', 'default', 2), policy('a', 'default', 1)];
    sortInEvaluationOrder([], input);
    expect(input.map((p) => p.name)).toEqual(['b', 'a']);
  });
});
