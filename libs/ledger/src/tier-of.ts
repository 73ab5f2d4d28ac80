import type { KindFamily } from '@policy-ledger/audit';

function specTier(object: unknown): string | undefined {
  if (typeof object !== 'object' || object === null) return undefined;
  const spec = (object as { spec?: unknown }).spec;
  if (typeof spec !== 'object' || spec === null) return undefined;
  const tier = (spec as { tier?: unknown }).tier;
  return typeof tier === 'string' && tier !== '' ? tier : undefined;
}

/**
 * The Calico tier a tracked object belongs to, for indexing changes by tier: a tier is its own;
 * tiered policies use spec.tier, else the `<tier>.` name prefix of Calico before 3.32, else
 * "default"; Kubernetes NetworkPolicies and StagedKubernetesNetworkPolicies live in "default".
 */
export function tierOf(
  family: KindFamily,
  resource: string,
  name: string | undefined,
  object: unknown,
): string | undefined {
  switch (family) {
    case 'calico-tier':
      return name;
    case 'k8s-network-policy':
      return 'default';
    case 'calico-policy':
    case 'calico-staged-policy': {
      if (resource === 'stagedkubernetesnetworkpolicies') return 'default';
      const fromSpec = specTier(object);
      if (fromSpec) return fromSpec;
      if (object !== undefined && object !== null) return 'default';
      const dot = name?.indexOf('.') ?? -1;
      return name && dot > 0 ? name.slice(0, dot) : undefined;
    }
    case 'calico-network-set':
    case 'calico-host-endpoint':
    case 'calico-felix-configuration':
    case 'rbac-role':
    case 'rbac-binding':
    case 'namespace':
      return undefined;
    default: {
      const unhandled: never = family;
      return unhandled;
    }
  }
}
