import {
  type Direction,
  type PolicyModel,
  type RuleModel,
  ruleMatchesAllTraffic,
  selectsEverything,
} from '@policy-ledger/policy';
import { DIRECTIONS, rulesOf } from './analyse-default-deny';
import { describePolicy, listText, plural, policyRef } from './describe-policy';
import { policiesAfter } from './evaluation-order';
import { evidenceOf } from './evidence-of';
import { kubectlRef } from './kubectl-ref';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import { isGlobalPolicy, type Known, namespaceRefOf, type Posture } from './read-posture';
import { REFERENCES } from './references';
import { maySelectPodsOf } from './selects-whole-namespace';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-004',
  title: 'Broad Allow disables later policy',
  severity: 'critical',
  trigger:
    'An enforced policy selecting every endpoint (critical) or every pod of a namespace (high) has an Allow rule matching all traffic, and enforced policies for the same direction are evaluated after it.',
  references: [REFERENCES.broadSelectors, REFERENCES.evaluationOrder],
};

export const broadAllowRule = definePostureRule(META, (posture) =>
  posture.policies
    .filter(({ model }) => model.enforced && selectsAllItsEndpoints(model))
    .flatMap((policy) => DIRECTIONS.flatMap((direction) => draftsFor(posture, policy, direction))),
);

/** Every endpoint in its scope: all() with no narrowing namespace or service-account selector. */
function selectsAllItsEndpoints(policy: PolicyModel): boolean {
  return [policy.selector, policy.namespaceSelector, policy.serviceAccountSelector].every(
    (selector) => selector === undefined || selectsEverything(selector),
  );
}

function draftsFor(
  posture: Posture,
  policy: Known<PolicyModel>,
  direction: Direction,
): FindingDraft[] {
  if (!policy.model.types.includes(direction)) return [];
  const rule = firstAllowAll(rulesOf(policy.model, direction));
  if (rule === undefined) return [];
  const shadowed = policiesAfter(posture, policy.model).filter(
    ({ model }) =>
      model.enforced &&
      model.types.includes(direction) &&
      mayShareEndpoints(posture, policy.model, model),
  );
  if (shadowed.length === 0) return [];
  const global = isGlobalPolicy(policy.model);
  const scope = global ? 'every endpoint' : `every pod in ${policy.model.namespace}`;
  return [
    {
      severity: global ? 'critical' : 'high',
      description: `${policyRef(policy.model)} (tier ${policy.model.tier}, ${orderText(policy.model)}) allows all ${direction.toLowerCase()} traffic to ${scope} with ${direction.toLowerCase()} rule ${rule.position}, so ${plural(shadowed.length, 'policy', 'policies')} evaluated after it never ${shadowed.length === 1 ? 'sees' : 'see'} that traffic: ${listText(shadowed.map((known) => policyRef(known.model)))}.`,
      evidence: evidenceOf(
        [policy.source, ...shadowed.map((known) => known.source)],
        `${describePolicy(policy)}; ${direction.toLowerCase()} rule ${rule.position} has no protocol, port, source or destination restriction.`,
      ),
      fix: `Remove ${direction.toLowerCase()} rule ${rule.position} from ${policyRef(policy.model)}, or narrow it to the sources, destinations and ports it is for; to hand traffic to a later tier use action: Pass, not Allow (kubectl edit ${kubectlRef(policy.source)}).`,
    },
  ];
}

/** An Allow that matches everything, reached before any Deny or Pass that matches everything. */
function firstAllowAll(rules: readonly RuleModel[]): RuleModel | undefined {
  for (const rule of rules) {
    if (!ruleMatchesAllTraffic(rule) || rule.action === 'Log') continue;
    return rule.action === 'Allow' ? rule : undefined;
  }
  return undefined;
}

function mayShareEndpoints(posture: Posture, broad: PolicyModel, later: PolicyModel): boolean {
  if (isGlobalPolicy(broad)) return true;
  return maySelectPodsOf(later, namespaceRefOf(posture, broad.namespace ?? ''));
}

function orderText(policy: PolicyModel): string {
  return policy.order === undefined ? 'no order' : `order ${policy.order}`;
}
