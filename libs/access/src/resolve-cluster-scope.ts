import type { ClusterScope } from './check-permission';
import { ALL_CLUSTERS, isClusterName } from './is-cluster-name';

/** How a route says which cluster a request concerns. */
export interface ClusterRequirement {
  /** 'request': from ?cluster=, else the body's cluster; 'none': the subject belongs to no cluster. */
  cluster: 'request' | 'none';
  /** What a request naming no cluster concerns: the default cluster, or every cluster ("*"). */
  whenOmitted: 'default-cluster' | 'all-clusters';
}

export type ResolvedScope = { ok: true; scope: ClusterScope } | { ok: false; reason: string };

/**
 * The cluster a request concerns, exactly as the handler will read it. A request naming two
 * different clusters (query and body) or anything but one cluster name or "*" is refused,
 * so the cluster authorised and the cluster served can never differ.
 */
export function resolveClusterScope(
  requirement: ClusterRequirement,
  request: { query?: unknown; body?: unknown },
  defaultCluster: string,
): ResolvedScope {
  if (requirement.cluster === 'none') return { ok: true, scope: 'none' };
  const fromQuery = clusterField(request.query);
  const fromBody = clusterField(request.body);
  if (fromQuery !== undefined && fromBody !== undefined && fromQuery !== fromBody)
    return { ok: false, reason: 'cluster is given both in the query and in the body, differently' };
  const named = fromQuery ?? fromBody;
  if (named === undefined)
    return {
      ok: true,
      scope: {
        cluster: requirement.whenOmitted === 'all-clusters' ? ALL_CLUSTERS : defaultCluster,
      },
    };
  if (typeof named !== 'string' || !(named === ALL_CLUSTERS || isClusterName(named)))
    return {
      ok: false,
      reason: 'cluster must be one cluster name (a DNS label), or "*" for every cluster',
    };
  return { ok: true, scope: { cluster: named } };
}

function clusterField(container: unknown): unknown {
  if (typeof container !== 'object' || container === null || !Object.hasOwn(container, 'cluster'))
    return undefined;
  return (container as { cluster: unknown }).cluster;
}
