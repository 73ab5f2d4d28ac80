/**
 * Kubernetes RBAC objects and Calico tiers, validated and normalised: absent lists are empty,
 * ServiceAccount subjects of RoleBindings carry their defaulted namespace, ClusterRoles carry "" as
 * namespace. Invalid objects are left out and named in `problems`.
 */

export type SubjectRef =
  | { kind: 'User'; name: string }
  | { kind: 'Group'; name: string }
  | { kind: 'ServiceAccount'; namespace: string; name: string };

export interface PolicyRule {
  verbs: readonly string[];
  apiGroups: readonly string[];
  resources: readonly string[];
  resourceNames: readonly string[];
  nonResourceURLs: readonly string[];
}

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorOperator;
  values: readonly string[];
}

export interface LabelSelector {
  matchLabels: Readonly<Record<string, string>>;
  matchExpressions: readonly LabelSelectorRequirement[];
}

export type RoleKind = 'Role' | 'ClusterRole';
export type BindingKind = 'RoleBinding' | 'ClusterRoleBinding';

export interface RoleObject {
  kind: RoleKind;
  /** "" for a ClusterRole. */
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  rules: readonly PolicyRule[];
  /** Only on ClusterRoles; with at least one selector it replaces `rules` (A.5). */
  aggregationRule?: { clusterRoleSelectors: readonly LabelSelector[] };
  resourceVersion?: string;
}

export interface BindingObject {
  kind: BindingKind;
  /** "" for a ClusterRoleBinding. */
  namespace: string;
  name: string;
  roleRef: { kind: RoleKind; name: string };
  subjects: readonly SubjectRef[];
}

export interface TierObject {
  name: string;
  order?: number;
  defaultAction?: string;
}

/** A user seen in a group in audit events: evidence, not an authoritative directory. */
export interface ObservedMembership {
  username: string;
  group: string;
  firstSeen: string;
  lastSeen: string;
}

/**
 * An RBAC object known to exist whose content is not known (its audit events were at Metadata
 * level, or a patch could not be replayed): answers cannot count what it grants, and say so.
 */
export interface UnknownStateObject {
  kind: 'Role' | 'ClusterRole' | 'RoleBinding' | 'ClusterRoleBinding' | 'Tier';
  namespace?: string;
  name: string;
  since: string;
}

export interface RbacSnapshot {
  roles: readonly RoleObject[];
  bindings: readonly BindingObject[];
  tiers: readonly TierObject[];
  memberships: readonly ObservedMembership[];
  unknownState?: readonly UnknownStateObject[];
  /** One line per invalid object or field, naming it; those objects are not in the snapshot. */
  problems: readonly string[];
}
