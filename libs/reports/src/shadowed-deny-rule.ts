import {
  cidrContains,
  type Direction,
  type EntityModel,
  entityMatchesEverything,
  type PolicyModel,
  parseCidr,
  portsCover,
  type RuleModel,
  ruleMatchesAllTraffic,
} from '@policy-ledger/policy';
import { DIRECTIONS, rulesOf } from './analyse-default-deny';
import { describePolicy, listText, policyRef } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { selectsEverythingCached } from './parse-selector-cached';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import { isGlobalPolicy, type Known, namespaceRefOf, type Posture } from './read-posture';
import { REFERENCES } from './references';
import { selectorTakesNamespace } from './selects-whole-namespace';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-005',
  title: 'Deny shadowed by an earlier Allow',
  severity: 'high',
  trigger:
    "In one tier, an enforced policy evaluated earlier selects at least the deny policy's endpoints and has an Allow rule matching all the traffic one of its Deny rules matches.",
  references: [REFERENCES.evaluationOrder],
};

interface Shadow {
  direction: Direction;
  deny: RuleModel;
  allow: RuleModel;
}

export const shadowedDenyRule = definePostureRule(META, (posture) =>
  [...policiesByTier(posture).values()].flatMap((tier) =>
    tier.flatMap((deny, index) =>
      deny.model.actionsUsed.has('Deny')
        ? tier
            .slice(0, index)
            .filter((allow) => allow.model.actionsUsed.has('Allow'))
            .flatMap((allow) => draftFor(posture, allow, deny))
        : [],
    ),
  ),
);

/** Enforced policies per tier, each list in evaluation order. */
function policiesByTier(posture: Posture): Map<string, Known<PolicyModel>[]> {
  const tiers = new Map<string, Known<PolicyModel>[]>();
  for (const policy of posture.policies.filter(({ model }) => model.enforced)) {
    const list = tiers.get(policy.model.tier) ?? [];
    list.push(policy);
    tiers.set(policy.model.tier, list);
  }
  return tiers;
}

function draftFor(
  posture: Posture,
  allow: Known<PolicyModel>,
  deny: Known<PolicyModel>,
): FindingDraft[] {
  if (!scopeCovers(posture, allow.model, deny.model)) return [];
  const shadows = DIRECTIONS.flatMap((direction) => shadowsIn(allow.model, deny.model, direction));
  if (shadows.length === 0) return [];
  const denied = shadows.map(
    (shadow) => `${shadow.direction.toLowerCase()} rule ${shadow.deny.position}`,
  );
  const allowing = [
    ...new Set(
      shadows.map((shadow) => `${shadow.direction.toLowerCase()} rule ${shadow.allow.position}`),
    ),
  ];
  return [
    {
      severity: 'high',
      description: `${policyRef(deny.model)} denies traffic (${listText(denied)}) that ${policyRef(allow.model)}, evaluated earlier in tier ${deny.model.tier}, already allows (${listText(allowing)}): the Deny never takes effect.`,
      evidence: evidenceOf(
        [allow.source, deny.source],
        `${describePolicy(allow)}; ${describePolicy(deny)}.`,
      ),
      fix: `Give ${policyRef(deny.model)} a lower order than ${policyRef(allow.model)}${allow.model.order === undefined ? '' : ` (below ${allow.model.order})`}, or narrow the Allow so it excludes what the Deny is for.`,
    },
  ];
}

function shadowsIn(allow: PolicyModel, deny: PolicyModel, direction: Direction): Shadow[] {
  if (!allow.types.includes(direction) || !deny.types.includes(direction)) return [];
  const allows = reachedAllows(rulesOf(allow, direction));
  return rulesOf(deny, direction)
    .filter((rule) => rule.action === 'Deny')
    .flatMap((rule) => {
      const covering = allows.find((candidate) => ruleCovers(candidate, rule));
      return covering === undefined ? [] : [{ direction, deny: rule, allow: covering }];
    });
}

/** Allow rules up to the first rule that ends evaluation for all traffic. */
function reachedAllows(rules: readonly RuleModel[]): RuleModel[] {
  const reached: RuleModel[] = [];
  for (const rule of rules) {
    if (rule.action === 'Allow') reached.push(rule);
    if (rule.action !== 'Log' && ruleMatchesAllTraffic(rule)) break;
  }
  return reached;
}

/** The earlier policy applies to at least every endpoint the later one does. */
function scopeCovers(posture: Posture, allow: PolicyModel, deny: PolicyModel): boolean {
  const sameOrAll = (outer: string | undefined, inner: string | undefined) =>
    outer === undefined || outer === inner || selectsEverythingCached(outer);
  if (!isGlobalPolicy(allow) && (isGlobalPolicy(deny) || allow.namespace !== deny.namespace))
    return false;
  if (!sameOrAll(allow.selector, deny.selector)) return false;
  if (!sameOrAll(allow.serviceAccountSelector, deny.serviceAccountSelector)) return false;
  if (!isGlobalPolicy(allow)) return true;
  if (sameOrAll(allow.namespaceSelector, deny.namespaceSelector)) return true;
  return (
    !isGlobalPolicy(deny) &&
    allow.namespaceSelector !== undefined &&
    selectorTakesNamespace(
      allow.namespaceSelector,
      namespaceRefOf(posture, deny.namespace ?? ''),
    ) === 'yes'
  );
}

function ruleCovers(allow: RuleModel, deny: RuleModel): boolean {
  if (ruleMatchesAllTraffic(allow)) return true;
  const sameOrUnset = <T>(outer: T | undefined, inner: T | undefined) =>
    outer === undefined || JSON.stringify(outer) === JSON.stringify(inner);
  return (
    allow.http === undefined &&
    sameOrUnset(allow.protocol, deny.protocol) &&
    sameOrUnset(allow.notProtocol, deny.notProtocol) &&
    sameOrUnset(allow.ipVersion, deny.ipVersion) &&
    sameOrUnset(allow.icmp, deny.icmp) &&
    sameOrUnset(allow.notICMP, deny.notICMP) &&
    entityCovers(allow.source, deny.source) &&
    entityCovers(allow.destination, deny.destination)
  );
}

function entityCovers(outer: EntityModel, inner: EntityModel): boolean {
  if (!portsCover(outer.ports, inner.ports)) return false;
  if (outer.notPorts.length > 0 && !sameList(outer.notPorts, inner.notPorts)) return false;
  if (outer.notNets.length > 0 && !sameList(outer.notNets, inner.notNets)) return false;
  if (outer.notSelector !== undefined && outer.notSelector !== inner.notSelector) return false;
  if (entityMatchesEverything(outer)) return true;
  return sameIdentity(outer, inner) && netsCover(outer.nets, inner.nets);
}

function sameIdentity(outer: EntityModel, inner: EntityModel): boolean {
  return (
    outer.selector === inner.selector &&
    outer.namespaceSelector === inner.namespaceSelector &&
    sameList([outer.serviceAccounts], [inner.serviceAccounts]) &&
    sameList([outer.services], [inner.services]) &&
    sameList(outer.domains, inner.domains)
  );
}

/** No nets on the outer side means any address; otherwise each inner net must lie in an outer one. */
function netsCover(outer: readonly string[], inner: readonly string[]): boolean {
  if (outer.length === 0) return true;
  if (inner.length === 0) return false;
  const outerCidrs = outer.flatMap((net) => parseCidr(net) ?? []);
  return inner.every((net) => {
    const cidr = parseCidr(net);
    return cidr !== undefined && outerCidrs.some((candidate) => cidrContains(candidate, cidr));
  });
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
