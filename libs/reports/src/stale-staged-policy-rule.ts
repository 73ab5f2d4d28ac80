import { pluralOf } from './classify-inventory-object';
import { describePolicy } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { kubectlRef } from './kubectl-ref';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import type { Posture } from './read-posture';
import { REFERENCES } from './references';
import type { InventoryObject } from './report-model';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-010',
  title: 'Staged policy left unenforced',
  severity: 'low',
  trigger:
    'A staged policy (StagedNetworkPolicy, StagedGlobalNetworkPolicy, StagedKubernetesNetworkPolicy) has stayed in its current version for longer than the threshold (default 14 days).',
  references: [REFERENCES.stagedPolicies],
};

const DAY_MS = 86_400_000;

/**
 * The age counts from when the staged object's current version began: the ledger's proxy for
 * "staged since", since an edit restarts the preview. Objects of unknown state still have that time.
 */
export const staleStagedPolicyRule = definePostureRule(META, (posture) => {
  const known = posture.policies
    .filter(({ model }) => model.staged)
    .map((policy) => ({ source: policy.source, sentence: describePolicy(policy) }));
  const unknown = posture.unknown
    .filter(
      (item) => item.family === 'policy' && pluralOf(item.source.resource).startsWith('staged'),
    )
    .map((item) => ({
      source: item.source,
      sentence: `${item.source.kind} ${name(item.source)} (state unknown), since ${item.source.since.slice(0, 10)}, version ${item.source.version}`,
    }));
  return [...known, ...unknown].flatMap(({ source, sentence }) =>
    draftFor(posture, source, sentence),
  );
});

function draftFor(posture: Posture, source: InventoryObject, sentence: string): FindingDraft[] {
  const days = Math.floor((Date.parse(posture.at) - Date.parse(source.since)) / DAY_MS);
  if (Number.isNaN(days) || days <= posture.options.stagedThresholdDays) return [];
  return [
    {
      severity: 'low',
      description: `${source.kind} ${name(source)} has been staged, not enforced, for ${days} days (unchanged since ${source.since.slice(0, 10)}, threshold ${posture.options.stagedThresholdDays} days): the protection it previews is not in force, and its preview goes stale.`,
      evidence: evidenceOf(
        [source],
        `${sentence}. Age measured from its current version to ${posture.at}.`,
      ),
      fix: `Review its flow-log preview, then either enforce it (apply the same spec as the enforced kind, or set stagedAction accordingly) or remove it: kubectl delete ${kubectlRef(source)}.`,
    },
  ];
}

function name(source: InventoryObject): string {
  return source.namespace === undefined ? source.name : `${source.namespace}/${source.name}`;
}
