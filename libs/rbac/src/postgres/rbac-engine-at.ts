import { objectsAt, observedMemberships } from '@policy-ledger/ledger';
import type pg from 'pg';
import { buildRbacSnapshot } from '../build-rbac-snapshot';
import type { RoleAbilityCache } from '../compile-role-ability';
import { createRbacEngine, type RbacEngine } from '../create-rbac-engine';
import type { RbacMode } from '../plan-decision';
import type { UnknownStateObject } from '../rbac-snapshot';

/** What an RBAC answer depends on: the RBAC objects and the tiers (protected, existing, ordered). */
export const RBAC_KINDS = [
  { apiGroup: 'rbac.authorization.k8s.io', resource: 'roles' },
  { apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  { apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
  { apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' },
  { apiGroup: 'projectcalico.org', resource: 'tiers' },
] as const;

/**
 * The RBAC engine of a cluster as the ledger knows it at `at` (now when absent): the objects
 * that existed then, and the group memberships observed in audit events up to then. Objects that
 * existed with a content the ledger does not know become caveats of the answers.
 */
export async function rbacEngineAt(
  db: pg.Pool,
  cluster: string,
  options: { at?: string; mode: RbacMode; abilityCache?: RoleAbilityCache },
): Promise<RbacEngine> {
  const [versions, memberships] = await Promise.all([
    objectsAt(db, { cluster, kinds: RBAC_KINDS, ...(options.at ? { at: options.at } : {}) }),
    observedMemberships(db, cluster, options.at),
  ]);
  const objects = versions.flatMap((v) => (!v.deleted && v.object ? [v.object] : []));
  const unknownState = versions.flatMap((v): UnknownStateObject[] =>
    !v.deleted && !v.stateKnown
      ? [
          {
            kind: v.kind as UnknownStateObject['kind'],
            ...(v.namespace ? { namespace: v.namespace } : {}),
            name: v.name,
            since: v.unknownSince ?? v.occurredAt,
          },
        ]
      : [],
  );
  return createRbacEngine(buildRbacSnapshot({ objects, memberships, unknownState }), {
    mode: options.mode,
    ...(options.abilityCache ? { abilityCache: options.abilityCache } : {}),
  });
}
