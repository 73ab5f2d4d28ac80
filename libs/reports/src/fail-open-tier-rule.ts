import type { TierModel } from '@policy-ledger/policy';
import { DIRECTIONS, rulesOf } from './analyse-default-deny';
import { listText, plural, policyRef, sinceAndVersion } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { notAssessableNote } from './not-assessable-note';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import type { Known, Posture } from './read-posture';
import { REFERENCES } from './references';
import { unknownOfFamily } from './unknown-policies';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-011',
  title: 'Tier fails open (defaultAction Pass)',
  severity: 'medium',
  trigger:
    'A tier other than the Calico-managed and integration tiers has defaultAction Pass (high when it holds a rule-less default-deny policy, which then only passes).',
  references: [REFERENCES.tiers, REFERENCES.tiersAsGuardrails, REFERENCES.postureBeyondPolicy],
};

/** Tiers that pass by design: Calico's own (kube-admin's Pass is fixed) and the AWS integration tiers. */
export const TIERS_PASSING_BY_DESIGN: readonly string[] = [
  'kube-admin',
  'kube-baseline',
  'allow-tigera',
  'sg-remote',
  'sg-local',
  'metadata',
];

export const failOpenTierRule = definePostureRule(META, (posture) => {
  const drafts = posture.tiers
    .filter(
      ({ model }) =>
        model.defaultAction === 'Pass' && !TIERS_PASSING_BY_DESIGN.includes(model.name),
    )
    .map((tier) => draftFor(posture, tier));
  const unknown = unknownOfFamily(posture, 'tier').filter(
    (tier) => !TIERS_PASSING_BY_DESIGN.includes(tier.name),
  );
  return unknown.length === 0
    ? drafts
    : [...drafts, notAssessableNote(META, unknown, 'the default action of these tiers')];
});

function draftFor(posture: Posture, tier: Known<TierModel>): FindingDraft {
  const policies = posture.policies.filter(
    ({ model }) => model.tier === tier.model.name && model.enforced,
  );
  const wouldBeDenies = policies.filter(({ model }) =>
    DIRECTIONS.some(
      (direction) => model.types.includes(direction) && rulesOf(model, direction).length === 0,
    ),
  );
  const unreadable = tier.model.problems.filter((problem) => problem.includes('defaultAction'));
  return {
    severity: wouldBeDenies.length > 0 ? 'high' : 'medium',
    description: `Tier ${tier.model.name} (${tier.model.order === undefined ? 'no order' : `order ${tier.model.order}`}, ${plural(policies.length, 'enforced policy', 'enforced policies')}) has defaultAction Pass: traffic its policies select but do not act on goes on to the next tier instead of being denied, so it is no guardrail${wouldBeDenies.length === 0 ? '' : `; ${listText(wouldBeDenies.map((known) => policyRef(known.model)))} look like default denies but only pass`}${unreadable.length === 0 ? '' : ` (${unreadable.join('; ')})`}.`,
    evidence: evidenceOf(
      [tier.source, ...wouldBeDenies.map((known) => known.source)],
      `Tier ${tier.model.name}, defaultAction Pass, ${sinceAndVersion(tier.source)}.`,
    ),
    fix: `If later tiers are not meant to decide this traffic, set the tier to fail closed: kubectl patch tiers.projectcalico.org ${tier.model.name} --type merge -p '{"spec":{"defaultAction":"Deny"}}'; otherwise end the tier with an explicit deny policy for what must not pass.`,
  };
}
