import type { PolicyKind, PolicyModel, TierModel } from '@policy-ledger/policy';
import type { Known } from './read-posture';
import type { InventoryObject } from './report-model';

/** "GlobalNetworkPolicy default-deny", "Kubernetes NetworkPolicy production/default-deny-all". */
export function policyRef(policy: PolicyModel): string {
  const name = policy.namespace === undefined ? policy.name : `${policy.namespace}/${policy.name}`;
  return `${kindLabel(policy.kind)} ${name}`;
}

/**
 * One evidence sentence: "GlobalNetworkPolicy default-deny, order 1000, selector all(),
 * Ingress+Egress, since 2026-03-02, version 4".
 */
export function describePolicy({ model, source }: Known<PolicyModel>): string {
  return [
    policyRef(model),
    ...(model.tier === 'default' ? [] : [`tier ${model.tier}`]),
    model.order === undefined ? 'no order' : `order ${model.order}`,
    `selector ${model.selector}`,
    ...(model.namespaceSelector === undefined
      ? []
      : [`namespaceSelector ${model.namespaceSelector}`]),
    model.types.join('+'),
    ...(model.staged ? [`staged (${model.stagedAction ?? 'Set'}, not enforced)`] : []),
    sinceAndVersion(source),
  ].join(', ');
}

export function sinceAndVersion(source: InventoryObject): string {
  return `since ${source.since.slice(0, 10)}, version ${source.version}`;
}

export function kindLabel(kind: PolicyKind): string {
  return kind === 'KubernetesNetworkPolicy' ? 'Kubernetes NetworkPolicy' : kind;
}

/** "a, b, c and 4 more": names enough for a sentence, the evidence lists them all. */
export function listText(items: readonly string[], max = 5): string {
  if (items.length <= max) return joinWithAnd(items);
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** "Tier security, order 100, defaultAction Deny, since 2026-01-10, version 3". */
export function describeTier({ model, source }: Known<TierModel>): string {
  return `Tier ${model.name}, ${model.order === undefined ? 'no order' : `order ${model.order}`}, defaultAction ${model.defaultAction}, ${sinceAndVersion(source)}`;
}
