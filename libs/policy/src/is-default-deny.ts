import { selectorBreadth } from './selector-breadth';
import type { PolicyModel } from './to-policy-model';
import type { Direction } from './to-rule-model';

/** Selects broadly: all(), an empty selector, or an open-ended one such as has(k) or `not in`. */
export function selectsBroadly(policy: PolicyModel): boolean {
  return [policy.selector, policy.namespaceSelector, policy.serviceAccountSelector].every(
    (selector) => selector === undefined || isBroad(selector),
  );
}

function isBroad(selector: string): boolean {
  const breadth = selectorBreadth(selector);
  return breadth === 'everything' || breadth === 'broad';
}

/**
 * A default deny for a direction: selects broadly, its types cover the direction, and it has no
 * Allow (or Pass) rule there, so whatever no earlier policy allowed is denied.
 */
export function isDefaultDeny(policy: PolicyModel, direction: Direction): boolean {
  const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
  return (
    policy.types.includes(direction) &&
    selectsBroadly(policy) &&
    rules.every((rule) => rule.action !== 'Allow' && rule.action !== 'Pass')
  );
}

export function defaultDenyDirections(policy: PolicyModel): Direction[] {
  return (['Ingress', 'Egress'] as const).filter((direction) => isDefaultDeny(policy, direction));
}

/** Removing this policy could let traffic through: it denies explicitly or by default. */
export function hasDenyEffect(policy: PolicyModel): boolean {
  return policy.actionsUsed.has('Deny') || defaultDenyDirections(policy).length > 0;
}
