import { CALICO_GROUP, type TieredKind } from './policy-kinds';
import type { RbacRequest } from './rule-allows';

export type CheckName = 'base' | 'tierGet' | 'tierVerb' | 'newTierGet' | 'newTierVerb';

/** One check of a decision: it passes when RBAC allows any of its requests. */
export interface CheckPlan {
  name: CheckName;
  tier?: string;
  requests: RbacRequest[];
}

export interface TierCheckInput {
  /** The verb checked on the pseudo-resource (the request verb, or the admission verb in webhook mode). */
  verb: string;
  kind: TieredKind;
  subresource: string;
  /** The request namespace for namespaced kinds, "" for global kinds and all-namespaces requests. */
  namespace: string;
  /** The name as addressed; "" when the request carries none. */
  name: string;
  tier: string;
  moving: boolean;
}

/**
 * B.5 `AuthorizeTierOperation`: GET on the tier at cluster scope, and the verb on `tier.<kind>`
 * either for the name as addressed (byName) or for the literal `<tier>.*` (byTier).
 */
export function planTierCheck(input: TierCheckInput): [CheckPlan, CheckPlan] {
  const getTier: RbacRequest = {
    verb: 'get',
    apiGroup: CALICO_GROUP,
    resource: 'tiers',
    subresource: '',
    namespace: '',
    name: input.tier,
  };
  const onPseudo = (name: string): RbacRequest => ({
    verb: input.verb,
    apiGroup: CALICO_GROUP,
    resource: `tier.${input.kind}`,
    subresource: input.subresource,
    namespace: input.namespace,
    name,
  });
  const byTier = onPseudo(`${input.tier}.*`);
  const requests = input.name === byTier.name ? [byTier] : [onPseudo(input.name), byTier];
  return [
    { name: input.moving ? 'newTierGet' : 'tierGet', tier: input.tier, requests: [getTier] },
    { name: input.moving ? 'newTierVerb' : 'tierVerb', tier: input.tier, requests },
  ];
}
