import type { PolicyModel } from '@policy-ledger/policy';
import { compareOrders, effectiveTier, type Known, type Posture } from './read-posture';

/** Negative when tier `a` is evaluated before tier `b` (order, absent last, then name). */
export function compareTiers(posture: Posture, a: string, b: string): number {
  return (
    compareOrders(effectiveTier(posture, a).order, effectiveTier(posture, b).order) ||
    (a < b ? -1 : a > b ? 1 : 0)
  );
}

const indexes = new WeakMap<Posture, Map<PolicyModel, number>>();

/** Position in Calico's evaluation order (posture.policies is kept in that order); -1 if absent. */
export function evaluationIndex(posture: Posture, policy: PolicyModel): number {
  let index = indexes.get(posture);
  if (index === undefined) {
    index = new Map(posture.policies.map((known, position) => [known.model, position]));
    indexes.set(posture, index);
  }
  return index.get(policy) ?? -1;
}

export function policiesAfter(posture: Posture, policy: PolicyModel): Known<PolicyModel>[] {
  return posture.policies.slice(evaluationIndex(posture, policy) + 1);
}
