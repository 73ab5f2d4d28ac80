import {
  type EntityModel,
  entityMatchesEverything,
  formatPort,
  isAnyAddressCidr,
  type NetworkSetModel,
  type PolicyModel,
  type RuleModel,
  selectorMatches,
  selectsBroadly,
} from '@policy-ledger/policy';
import { describePolicy, listText, policyRef } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { kubectlRef } from './kubectl-ref';
import { parseSelectorCached } from './parse-selector-cached';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import type { Known } from './read-posture';
import { REFERENCES } from './references';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-007',
  title: 'Unrestricted egress to the internet',
  severity: 'high',
  trigger:
    'An enforced egress Allow rule reaches any address: no destination restriction, 0.0.0.0/0 or ::/0, or a network set holding one (high when the policy selects broadly, medium for specific workloads).',
  references: [REFERENCES.egressControl, REFERENCES.forgottenEgress],
};

export const internetEgressRule = definePostureRule(META, (posture) => {
  const sets = posture.networkSets.map((set) => set.model);
  return posture.policies
    .filter(({ model }) => model.enforced && model.types.includes('Egress'))
    .flatMap((policy) => draftFor(policy, sets));
});

function draftFor(policy: Known<PolicyModel>, sets: readonly NetworkSetModel[]): FindingDraft[] {
  const rules = policy.model.egress.filter(
    (rule) => rule.action === 'Allow' && reachesAnyAddress(rule.destination, sets),
  );
  if (rules.length === 0) return [];
  const broad = selectsBroadly(policy.model);
  return [
    {
      severity: broad ? 'high' : 'medium',
      description: `${policyRef(policy.model)} lets ${broad ? 'broadly selected pods' : 'the pods it selects'} (selector ${policy.model.selector}) reach any address, the internet included: ${listText(rules.map(describeEgress))}.`,
      evidence: evidenceOf([policy.source], describePolicy(policy)),
      fix: `Replace ${rules.length === 1 ? 'the rule' : 'these rules'} with the destinations the workloads need: domains (Calico Enterprise, e.g. destination: {domains: [api.stripe.com], ports: [443]}), named network sets, or specific CIDRs such as 10.0.0.0/8 for internal services; keep a default deny behind it (kubectl edit ${kubectlRef(policy.source)}).`,
    },
  ];
}

/** Any destination at all, or a selector that only picks network sets holding 0.0.0.0/0 or ::/0. */
function reachesAnyAddress(entity: EntityModel, sets: readonly NetworkSetModel[]): boolean {
  if (entityMatchesEverything(entity)) return true;
  if (entity.selector === undefined || entity.nets.length > 0 || entity.domains.length > 0)
    return false;
  const parsed = parseSelectorCached(entity.selector);
  return (
    parsed.ok &&
    sets.some((set) => set.nets.some(isAnyAddressCidr) && selectorMatches(parsed.ast, set.labels))
  );
}

function describeEgress(rule: RuleModel): string {
  const ports = rule.destination.ports.map(formatPort).join(',');
  const what = [rule.protocol, ports].filter((part) => part !== undefined && part !== '').join(' ');
  return `egress rule ${rule.position}${rule.part === undefined ? '' : ` (${rule.part})`} allows ${what === '' ? 'all traffic' : what}`;
}
