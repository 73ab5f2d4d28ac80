import { describe, expect, it } from 'vitest';
import { type ClusterRequirement, resolveClusterScope } from './resolve-cluster-scope';

const fromRequest: ClusterRequirement = { cluster: 'request', whenOmitted: 'default-cluster' };
const allWhenOmitted: ClusterRequirement = { cluster: 'request', whenOmitted: 'all-clusters' };
const noCluster: ClusterRequirement = { cluster: 'none', whenOmitted: 'default-cluster' };

describe('resolveClusterScope', () => {
  it.each<[string, ClusterRequirement, { query?: unknown; body?: unknown }, unknown]>([
    ['the query cluster', fromRequest, { query: { cluster: 'prod' } }, { cluster: 'prod' }],
    [
      'the body cluster',
      fromRequest,
      { query: {}, body: { cluster: 'staging' } },
      { cluster: 'staging' },
    ],
    [
      'the same cluster named twice',
      fromRequest,
      { query: { cluster: 'prod' }, body: { cluster: 'prod' } },
      { cluster: 'prod' },
    ],
    [
      'the default cluster when none is named',
      fromRequest,
      { query: {}, body: null },
      { cluster: 'dflt' },
    ],
    [
      'every cluster when asked with "*"',
      fromRequest,
      { query: { cluster: '*' } },
      { cluster: '*' },
    ],
    [
      'every cluster when none is named on an all-clusters route',
      allWhenOmitted,
      { body: {} },
      { cluster: '*' },
    ],
    [
      'no cluster on a route whose subject has none',
      noCluster,
      { query: { cluster: 'prod' } },
      'none',
    ],
    [
      'the default cluster when the body is not an object',
      fromRequest,
      { body: 'cluster=prod' },
      { cluster: 'dflt' },
    ],
  ])('resolves %s', (_case, requirement, request, scope) => {
    expect(resolveClusterScope(requirement, request, 'dflt')).toEqual({ ok: true, scope });
  });

  it.each<[string, { query?: unknown; body?: unknown }]>([
    ['two different clusters', { query: { cluster: 'prod' }, body: { cluster: 'staging' } }],
    ['a repeated query parameter', { query: { cluster: ['prod', 'staging'] } }],
    ['a cluster that is not a DNS label', { query: { cluster: 'Prod_1' } }],
    ['an empty cluster', { query: { cluster: '' } }],
    ['a cluster that is not a string', { body: { cluster: { $ne: 'x' } } }],
  ])('refuses %s', (_case, request) => {
    expect(resolveClusterScope(fromRequest, request, 'dflt')).toMatchObject({ ok: false });
  });
});
