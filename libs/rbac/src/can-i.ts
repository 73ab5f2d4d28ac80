import { describeDenial } from './describe-answer';
import { getOrCreate } from './get-or-create';
import { type Identity, MASTERS, normalizeIdentity } from './normalize-identity';
import { formatResourceRef } from './parse-resource-ref';
import { type DecisionPlan, type PolicyQuery, planDecision, type RbacMode } from './plan-decision';
import type { RbacIndex } from './rbac-index';
import type { RbacRequest } from './rule-allows';
import type { CheckName, CheckPlan } from './tier-check';
import { type Grant, IdentityRules } from './visit-rules-for';

export interface CanIQuery extends PolicyQuery {
  user: string;
  groups?: readonly string[];
}

export interface CheckResult {
  allowed: boolean;
  /** The chains that made it pass (empty when it failed, or when system:masters bypassed RBAC). */
  via: Grant[];
  /** The RBAC attributes asked; the check passes when any of them is allowed. */
  requests: RbacRequest[];
  tier?: string;
}

export interface CanIChecks {
  base: CheckResult;
  tierGet?: CheckResult;
  tierVerb?: CheckResult;
  newTierGet?: CheckResult;
  newTierVerb?: CheckResult;
  admission?: { allowed: boolean; reason: string };
}

export interface CanIAnswer {
  allowed: boolean;
  identity: Identity;
  request: {
    verb: string;
    resource: string;
    namespace: string;
    name: string;
    tier?: string;
    newTier?: string;
    tierChecked: boolean;
  };
  checks: CanIChecks;
  /** Every chain behind every check that passed. */
  via: Grant[];
  /** Which check failed, in the words Calico or Kubernetes would use. */
  denial?: string;
  bypass?: 'system:masters';
  /** list/watch/deletecollection without a tier: the tiers the request would return or touch. */
  permittedTiers?: string[];
  notes: string[];
}

/** The full decision for one identity (B.5 `canDo` / B.7), with the chain behind each check. */
export function canI(index: RbacIndex, mode: RbacMode, query: CanIQuery): CanIAnswer {
  const identity = normalizeIdentity(query.user, query.groups ?? []);
  const plan = planDecision(query, mode, index.tierNames);
  const bypass = identity.groups.includes(MASTERS);
  const rules = new IdentityRules(index, identity);
  const cache = new Map<string, Grant[]>();
  const grantsOf = (request: RbacRequest): Grant[] => {
    const key = requestKey(request);
    return getOrCreate(cache, key, () => (bypass ? [] : rules.grants(request)));
  };
  const evaluate = (check: CheckPlan): CheckResult => {
    const via = dedupeGrants(check.requests.flatMap(grantsOf));
    const result: CheckResult = {
      allowed: bypass || via.length > 0,
      via,
      requests: check.requests,
    };
    if (check.tier !== undefined) result.tier = check.tier;
    return result;
  };

  const evaluated = plan.alternatives.map((alternative) => ({
    tier: alternative.tier,
    results: new Map(alternative.checks.map((check) => [check.name, evaluate(check)])),
  }));
  const passing = evaluated.filter((alt) => [...alt.results.values()].every((r) => r.allowed));
  const admissionAllows = plan.admission?.allowed ?? true;
  const allowed = admissionAllows && passing.length > 0;
  const checks = plan.unselected
    ? combineAlternatives(evaluated, passing)
    : (Object.fromEntries(evaluated[0]?.results ?? []) as unknown as CanIChecks);
  if (plan.admission) checks.admission = plan.admission;

  const answer: CanIAnswer = {
    allowed,
    identity,
    request: describeRequest(plan),
    checks,
    via: dedupeGrants(
      Object.values(checks).flatMap((check: CheckResult | CanIChecks['admission']) =>
        check && 'via' in check && check.allowed ? check.via : [],
      ),
    ),
    notes: plan.notes,
  };
  if (bypass) {
    answer.bypass = 'system:masters';
    answer.notes = [
      ...plan.notes,
      'system:masters is allowed before RBAC runs: every check passes outside RBAC',
    ];
  }
  if (plan.unselected)
    answer.permittedTiers = passing.flatMap((alt) => (alt.tier ? [alt.tier] : []));
  if (!allowed) answer.denial = describeDenial(identity, plan, checks);
  return answer;
}

function combineAlternatives(
  evaluated: { tier: string | undefined; results: Map<CheckName, CheckResult> }[],
  passing: typeof evaluated,
): CanIChecks {
  const shown = passing.length > 0 ? passing : evaluated;
  const combine = (name: CheckName): CheckResult => {
    const results = shown.flatMap((alt) => {
      const result = alt.results.get(name);
      return result ? [result] : [];
    });
    const allowed = evaluated.some((alt) => alt.results.get(name)?.allowed);
    return {
      allowed,
      via: dedupeGrants(results.filter((r) => r.allowed).flatMap((r) => r.via)),
      requests: dedupeRequests(
        results.filter((r) => r.allowed || !allowed).flatMap((r) => r.requests),
      ),
    };
  };
  return { base: combine('base'), tierGet: combine('tierGet'), tierVerb: combine('tierVerb') };
}

function describeRequest(plan: DecisionPlan): CanIAnswer['request'] {
  const out: CanIAnswer['request'] = {
    verb: plan.verb,
    resource: formatResourceRef(plan.ref),
    namespace: plan.namespace,
    name: plan.name,
    tierChecked: plan.tierChecked,
  };
  if (plan.tier !== undefined) out.tier = plan.tier;
  if (plan.newTier !== undefined) out.newTier = plan.newTier;
  return out;
}

export function requestKey(request: RbacRequest): string {
  return [
    request.verb,
    request.apiGroup,
    request.resource,
    request.subresource,
    request.namespace,
    request.name,
  ].join('\u0000');
}

export function dedupeGrants(grants: readonly Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((grant) => {
    const key = grantKey(grant);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function grantKey(grant: Grant): string {
  const s = grant.subject;
  return [
    grant.binding.kind,
    grant.binding.namespace ?? '',
    grant.binding.name,
    grant.rule.index,
    s.kind,
    s.kind === 'ServiceAccount' ? s.namespace : '',
    s.name,
  ].join('\u0000');
}

function dedupeRequests(requests: readonly RbacRequest[]): RbacRequest[] {
  const seen = new Set<string>();
  return requests.filter((request) => {
    const key = requestKey(request);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
