import type { JsonValue } from './json-value';

export type Risk = 'low' | 'medium' | 'high';

export type PolicyChangeType =
  | 'policy-created'
  | 'policy-deleted'
  | 'rule-added'
  | 'rule-removed'
  | 'rule-changed'
  | 'rule-moved'
  | 'action-changed'
  | 'source-widened'
  | 'source-narrowed'
  | 'destination-widened'
  | 'destination-narrowed'
  | 'ports-widened'
  | 'ports-narrowed'
  | 'protocol-widened'
  | 'protocol-narrowed'
  | 'selector-changed'
  | 'order-moved'
  | 'tier-changed'
  | 'types-changed'
  | 'staged-to-enforced'
  | 'enforced-to-staged'
  | 'staged-action-changed'
  | 'do-not-track-toggled'
  | 'pre-dnat-toggled'
  | 'apply-on-forward-toggled';

export type TierChangeType =
  | 'tier-created'
  | 'tier-deleted'
  | 'tier-default-action-changed'
  | 'tier-order-changed';

export type FelixChangeType =
  | 'wireguard-disabled'
  | 'wireguard-enabled'
  | 'bpf-toggled'
  | 'felix-setting-changed';

export type NetworkSetChangeType =
  | 'nets-added'
  | 'nets-removed'
  | 'domains-added'
  | 'domains-removed';

export type HostEndpointChangeType =
  | 'host-interface-changed'
  | 'expected-ips-changed'
  | 'profiles-changed'
  | 'host-ports-changed'
  | 'node-changed';

export type RbacChangeType =
  | 'wildcard-verbs-added'
  | 'wildcard-resources-added'
  | 'escalation-verb-granted'
  | 'tier-edit-granted'
  | 'policy-edit-granted'
  | 'aggregation-label-added'
  | 'aggregation-label-removed'
  | 'aggregation-rule-changed'
  | 'binding-to-cluster-admin'
  | 'subjects-added'
  | 'subjects-removed'
  | 'role-ref-changed'
  /** Reported by the RBAC engine through DiffCallbacks.newTierEditors. */
  | 'tier-editor-added'
  | 'tier-editors-unknown';

export type SharedChangeType =
  | 'labels-changed'
  | 'object-created'
  | 'object-deleted'
  | 'field-changed';

export type ChangeType =
  | PolicyChangeType
  | TierChangeType
  | FelixChangeType
  | NetworkSetChangeType
  | HostEndpointChangeType
  | RbacChangeType
  | SharedChangeType;

export interface SemanticChange {
  type: ChangeType;
  risk: Risk;
  /** One short sentence an auditor can read without the objects at hand. */
  summary: string;
  /** JSON pointer into the object (the new one, or the old one for removals). */
  path?: string;
  details?: { readonly [key: string]: JsonValue };
}

export const RISK_RANK: Readonly<Record<Risk, number>> = { low: 0, medium: 1, high: 2 };

/** High before low, then by path (changes without a path first), then type and summary. */
export function sortChanges(changes: readonly SemanticChange[]): SemanticChange[] {
  return [...changes].sort(
    (a, b) =>
      RISK_RANK[b.risk] - RISK_RANK[a.risk] ||
      compareText(a.path ?? '', b.path ?? '') ||
      compareText(a.type, b.type) ||
      compareText(a.summary, b.summary),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
