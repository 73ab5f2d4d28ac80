import type { PolicyModel } from '@policy-ledger/policy';
import { evaluationIndex } from './evaluation-order';
import { isGlobalPolicy, type Known, type Posture } from './read-posture';

interface PolicyIndex {
  global: Known<PolicyModel>[];
  byNamespace: Map<string, Known<PolicyModel>[]>;
}

const indexes = new WeakMap<Posture, PolicyIndex>();

/**
 * The policies that can apply to a namespace's pods: every global policy and the namespace's own,
 * in evaluation order. Other namespaces' policies never can, so rules need not look at them.
 */
export function policiesForNamespace(posture: Posture, namespace: string): Known<PolicyModel>[] {
  const index = indexOf(posture);
  const own = index.byNamespace.get(namespace) ?? [];
  if (own.length === 0) return index.global;
  const position = (policy: Known<PolicyModel>) => evaluationIndex(posture, policy.model);
  return [...index.global, ...own].sort((a, b) => position(a) - position(b));
}

function indexOf(posture: Posture): PolicyIndex {
  const cached = indexes.get(posture);
  if (cached !== undefined) return cached;
  const index: PolicyIndex = { global: [], byNamespace: new Map() };
  for (const policy of posture.policies) {
    if (isGlobalPolicy(policy.model)) {
      index.global.push(policy);
      continue;
    }
    const namespace = policy.model.namespace ?? policy.source.namespace ?? '';
    const list = index.byNamespace.get(namespace) ?? [];
    list.push(policy);
    index.byNamespace.set(namespace, list);
  }
  indexes.set(posture, index);
  return index;
}
