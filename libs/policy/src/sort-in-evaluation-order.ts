import type { PolicyModel } from './to-policy-model';
import { defaultOrder, type TierModel } from './to-tier-model';

/**
 * Calico's evaluation order: tiers by order (absent last, ties by name), then policies by order
 * within their tier (absent last), then by name. A tier not listed is taken as unordered,
 * except the default tier (1,000,000). Returns a new array.
 */
export function sortInEvaluationOrder(
  tiers: readonly TierModel[],
  policies: readonly PolicyModel[],
): PolicyModel[] {
  const tierOrder = (name: string) =>
    tiers.find((tier) => tier.name === name)?.order ?? defaultOrder(name);
  return [...policies].sort(
    (a, b) =>
      compareOrders(tierOrder(a.tier), tierOrder(b.tier)) ||
      compareText(a.tier, b.tier) ||
      compareOrders(a.order, b.order) ||
      compareText(sortName(a), sortName(b)) ||
      compareText(a.kind, b.kind),
  );
}

function compareOrders(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined)
    return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  return a - b;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Namespaced policies sort as "namespace/name", as Felix keys them. */
function sortName(policy: PolicyModel): string {
  return policy.namespace === undefined ? policy.name : `${policy.namespace}/${policy.name}`;
}
