import { subject } from '@casl/ability';
import { type Action, defineAbilityFor, type SubjectType } from './define-ability-for';
import { ALL_CLUSTERS } from './is-cluster-name';
import type { Principal } from './principal';

/**
 * What a request concerns: one cluster, every cluster (`*`, which only a principal allowed to see
 * every cluster may ask for), or no cluster at all (tokens, the access log).
 */
export type ClusterScope = { cluster: string } | 'none';

export type PermissionDecision = { allowed: true } | { allowed: false; reason: string };

export function checkPermission(
  principal: Pick<Principal, 'role' | 'clusters'>,
  action: Action,
  subjectType: SubjectType,
  scope: ClusterScope,
): PermissionDecision {
  const ability = defineAbilityFor(principal);
  // A cluster-scoped subject named "*" matches no `cluster $in [...]` condition: only an
  // unrestricted principal passes, so "all clusters" needs every cluster.
  const allowed =
    scope === 'none'
      ? ability.can(action, subjectType)
      : ability.can(action, subject(subjectType, { cluster: scope.cluster }));
  if (allowed) return { allowed: true };
  return { allowed: false, reason: describeDenial(principal, action, subjectType, scope) };
}

function describeDenial(
  principal: Pick<Principal, 'role' | 'clusters'>,
  action: Action,
  subjectType: SubjectType,
  scope: ClusterScope,
): string {
  const base = `role ${principal.role} may not ${action} ${subjectType}`;
  if (scope === 'none') return base;
  const where =
    scope.cluster === ALL_CLUSTERS ? ' in every cluster' : ` in cluster ${scope.cluster}`;
  const limit =
    principal.clusters === null
      ? ''
      : ` (limited to ${principal.clusters.length > 0 ? `clusters ${principal.clusters.join(', ')}` : 'no cluster'})`;
  return `${base}${where}${limit}`;
}
