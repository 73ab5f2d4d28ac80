import type { RbacSubject } from './to-role-binding-model';

/**
 * What the caller may know beyond the two versions of one object. Everything is optional:
 * without it the diff still works, only with less to say.
 */
export interface DiffContext {
  /**
   * The other policies of the changed policy's tier (raw objects, as stored). With them an order
   * change names the policies it moved past: "moved before allow-dns".
   */
  tierPolicies?: readonly unknown[];
  /** Tier names that may appear as "<tier>." policy-name prefixes (older Calico), besides the built-in ones. */
  knownTiers?: readonly string[];
  callbacks?: DiffCallbacks;
}

/**
 * Extension points into engines this pure library does not own. A callback that throws is reported
 * as a `tier-editors-unknown` change rather than thrown on.
 */
export interface DiffCallbacks {
  /**
   * Asked on every Role, ClusterRole, RoleBinding and ClusterRoleBinding change. The RBAC engine
   * answers which subjects can edit policies in (or the settings of) a tier after the change but
   * could not before; each answer becomes a high-risk `tier-editor-added` change.
   */
  newTierEditors?: (change: RbacObjectChange) => readonly TierEditor[];
}

export interface RbacObjectChange {
  kind: 'Role' | 'ClusterRole' | 'RoleBinding' | 'ClusterRoleBinding';
  /** Absent when the object was created. */
  before?: unknown;
  /** Absent when the object was deleted. */
  after?: unknown;
}

export interface TierEditor {
  subject: RbacSubject;
  /** Tier names; "*" means every tier. */
  tiers: readonly string[];
  /** What grants it, for the summary, e.g. 'ClusterRoleBinding "net-admins"'. */
  via?: string;
}
