import { InvalidQueryError } from './invalid-query-error';
import { formatResourceRef, parseResourceRef, type ResourceRef } from './parse-resource-ref';
import {
  admissionVerbOf,
  DEFAULT_TIER,
  isClusterScoped,
  isNamespacedKind,
  isPolicyVerb,
  isTierResource,
  POLICY_VERBS,
  PROTECTED_TIERS,
  TIER_NAME,
  type TieredKind,
  tieredKindOf,
} from './policy-kinds';
import type { RbacRequest } from './rule-allows';
import { type CheckPlan, planTierCheck } from './tier-check';

export type RbacMode = 'apiserver' | 'webhook';

/** A request in the operator's terms; `resource` is in kubectl form. */
export interface PolicyQuery {
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
  tier?: string;
  newTier?: string;
}

export interface Alternative {
  tier?: string;
  checks: CheckPlan[];
}

/** What deciding a query takes: allowed iff admission allows and some alternative passes every check. */
export interface DecisionPlan {
  mode: RbacMode;
  verb: string;
  ref: ResourceRef;
  kind?: TieredKind;
  tierChecked: boolean;
  /** The namespace the checks run in ("" = cluster scope). */
  namespace: string;
  /** The name as addressed ("" = none). */
  name: string;
  tier?: string;
  newTier?: string;
  /** True for list/watch/deletecollection without a tier: any permitted tier will do. */
  unselected: boolean;
  alternatives: Alternative[];
  /** Refusals outside RBAC: protected tiers, a webhook create/update into a missing tier. */
  admission?: { allowed: boolean; reason: string };
  notes: string[];
}

/** B.5 (aggregated API server) and B.7 (admission webhook), written down as checks to run. */
export function planDecision(
  query: PolicyQuery,
  mode: RbacMode,
  tierNames: readonly string[],
): DecisionPlan {
  const verb = query.verb;
  if (verb === '' || /\s/.test(verb))
    throw new InvalidQueryError('verb', `"${verb}" is not a verb`);
  const ref = parseResourceRef(query.resource);
  const label = formatResourceRef(ref);
  for (const [field, tier] of [
    ['tier', query.tier],
    ['newTier', query.newTier],
  ] as const)
    if (tier !== undefined && !TIER_NAME.test(tier))
      throw new InvalidQueryError(field, `"${tier}" is not a tier name (a DNS label without dots)`);
  const notes: string[] = [];
  const kind = tieredKindOf(ref);
  const namespaced = kind ? isNamespacedKind(kind) : !isClusterScoped(ref);
  const givenNamespace = query.namespace ?? '';
  if (!namespaced && givenNamespace !== '')
    notes.push(`namespace "${givenNamespace}" ignored: ${label} is cluster-scoped`);
  const namespace = namespaced ? givenNamespace : '';
  const givenName = query.name ?? '';
  const requestName = verb === 'create' || verb === 'deletecollection' ? '' : givenName;
  if (givenName !== '' && requestName === '')
    notes.push(
      `a ${verb} request carries no name (A.1): the name "${givenName}" is not part of the check`,
    );
  if (givenName !== '' && (verb === 'list' || verb === 'watch'))
    notes.push(`the name is taken as a metadata.name field selector on the ${verb}`);
  const base = (name: string): CheckPlan => ({
    name: 'base',
    requests: [request(verb, ref, namespace, name)],
  });
  const plain = (why: string): DecisionPlan => {
    if (query.tier !== undefined) notes.push(`tier not consulted: ${why}`);
    if (query.newTier !== undefined)
      throw new InvalidQueryError(
        'newTier',
        `a tier move applies only to update/patch of tiered policies, not to ${verb} ${label}`,
      );
    const plan: DecisionPlan = {
      mode,
      verb,
      ref,
      tierChecked: false,
      namespace,
      name: requestName,
      unselected: false,
      alternatives: [{ checks: [base(requestName)] }],
      notes,
    };
    if (kind) plan.kind = kind;
    if (
      isTierResource(ref) &&
      PROTECTED_TIERS.has(givenName) &&
      ['update', 'patch', 'delete'].includes(verb)
    )
      plan.admission = {
        allowed: false,
        reason: `tier "${givenName}" is protected: it cannot be deleted and its order and defaultAction are pinned, whatever RBAC allows`,
      };
    return plan;
  };

  if (!kind) return plain(`${label} uses plain RBAC`);
  if (!isPolicyVerb(verb))
    throw new InvalidQueryError(
      'verb',
      `"${verb}" is not an operation on ${label} (one of ${POLICY_VERBS.join(', ')})`,
    );
  if (mode === 'webhook' && (verb === 'get' || verb === 'list' || verb === 'watch')) {
    notes.push(`webhook mode: reads are not tier-checked, only plain RBAC on ${label} (B.7)`);
    return plain('in webhook mode reads are not tier-checked');
  }
  if (query.newTier !== undefined && verb !== 'update' && verb !== 'patch')
    throw new InvalidQueryError(
      'newTier',
      `a tier move applies only to update/patch, not to ${verb}`,
    );

  if (namespaced && namespace === '' && !['list', 'watch', 'deletecollection'].includes(verb))
    notes.push(
      'no namespace: only ClusterRoleBindings count, as for a request across all namespaces',
    );
  if (givenName === '' && ['get', 'update', 'patch', 'delete'].includes(verb))
    notes.push(
      'no name: answered for every policy in the tier (grants on specific names do not count)',
    );
  const tierVerb =
    mode === 'webhook' && verb !== 'get' && verb !== 'list' && verb !== 'watch'
      ? admissionVerbOf(verb)
      : verb;
  if (tierVerb !== verb)
    notes.push(`webhook mode: ${verb} is checked as ${tierVerb} on tier.${kind}`);
  // B.7: the webhook reads the object's name, present even for create; the API server uses the request's.
  const tierName =
    mode === 'webhook'
      ? givenName
      : verb === 'get' || verb === 'update' || verb === 'patch' || verb === 'delete'
        ? givenName
        : '';
  if (verb === 'deletecollection' && mode === 'apiserver')
    notes.push(
      'on Calico ≤ v3.32 deletecollection appears to be gated by the base check only [inferred]; this answer follows current master',
    );
  const tierChecks = (tier: string, moving: boolean) =>
    planTierCheck({
      verb: tierVerb,
      kind,
      subresource: ref.subresource,
      namespace,
      name: tierName,
      tier,
      moving,
    });
  const plan: DecisionPlan = {
    mode,
    verb,
    ref,
    kind,
    tierChecked: true,
    namespace,
    name: requestName,
    unselected: false,
    alternatives: [],
    notes,
  };

  if (
    query.tier === undefined &&
    (verb === 'list' || verb === 'watch' || verb === 'deletecollection')
  ) {
    plan.unselected = true;
    notes.push(
      'no tier selected: allowed iff at least one tier passes the tier check, and only those tiers are returned',
    );
    plan.alternatives = tierNames.map((tier) => ({
      tier,
      checks: [base(requestName), ...tierChecks(tier, false)],
    }));
    return plan;
  }
  const tier = query.tier ?? DEFAULT_TIER;
  plan.tier = tier;
  const checks = [base(requestName), ...tierChecks(tier, false)];
  if (query.newTier !== undefined && query.newTier !== tier) {
    plan.newTier = query.newTier;
    checks.push(...tierChecks(query.newTier, true));
  }
  plan.alternatives = [{ tier, checks }];
  const target = plan.newTier ?? tier;
  if (
    mode === 'webhook' &&
    verb !== 'delete' &&
    verb !== 'deletecollection' &&
    !tierNames.includes(target)
  )
    plan.admission = {
      allowed: false,
      reason: `tier "${target}" does not exist: the webhook refuses ${verb} into a missing tier`,
    };
  else if (
    !tierNames.includes(tier) ||
    (plan.newTier !== undefined && !tierNames.includes(plan.newTier))
  )
    notes.push(`tier "${tierNames.includes(tier) ? plan.newTier : tier}" is not in the snapshot`);
  return plan;
}

function request(verb: string, ref: ResourceRef, namespace: string, name: string): RbacRequest {
  return {
    verb,
    apiGroup: ref.apiGroup,
    resource: ref.resource,
    subresource: ref.subresource,
    namespace,
    name,
  };
}
