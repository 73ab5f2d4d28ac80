import type { Direction } from '@policy-ledger/policy';
import {
  analyseDefaultDeny,
  coverageFor,
  DIRECTIONS,
  type DirectionCoverage,
} from './analyse-default-deny';
import { describePolicy, listText, policyRef } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { defaultDenyYaml } from './fix-snippets';
import { notAssessableNote } from './not-assessable-note';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import type { Posture } from './read-posture';
import { REFERENCES } from './references';
import { unknownEnforcedPolicies } from './unknown-policies';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-002',
  title: 'Default deny is partial',
  severity: 'medium',
  trigger:
    'A default deny exists for a direction but misses some non-system namespaces (medium), or covers them all only through per-namespace policies, so a new namespace starts open (low).',
  references: [REFERENCES.defaultDeny, REFERENCES.forgottenEgress],
};

export const partialDefaultDenyRule = definePostureRule(META, (posture) => {
  const coverage = analyseDefaultDeny(posture);
  return DIRECTIONS.flatMap((direction) => draftsFor(posture, coverageFor(coverage, direction)));
});

function draftsFor(posture: Posture, coverage: DirectionCoverage): FindingDraft[] {
  const hasSome = coverage.covered.length > 0 || coverage.coversNewNamespaces;
  if (!hasSome) return [];
  const notes = undeterminedNotes(posture, coverage);
  const uncovered = coverage.uncovered.filter(
    (entry) => unknownEnforcedPolicies(posture, [entry.ref.name]).length === 0,
  );
  const unassessable = coverage.uncovered.filter((entry) => !uncovered.includes(entry));
  if (unassessable.length > 0) {
    const names = unassessable.map((entry) => entry.ref.name);
    notes.push(
      notAssessableNote(
        META,
        unknownEnforcedPolicies(posture, names),
        `whether a default deny covers ${coverage.direction} in ${listText(names)}`,
      ),
    );
  }
  if (uncovered.length > 0) return [gapDraft(posture, coverage, uncovered), ...notes];
  if (!coverage.coversNewNamespaces) return [perNamespaceOnlyDraft(posture, coverage), ...notes];
  return notes;
}

function gapDraft(
  posture: Posture,
  coverage: DirectionCoverage,
  uncovered: DirectionCoverage['uncovered'],
): FindingDraft {
  const names = uncovered.map((entry) => entry.ref.name);
  return {
    severity: 'medium',
    description: `The ${lower(coverage.direction)} default deny misses ${listText(names)}: no enforced default deny selects every pod there, so their ${lower(coverage.direction)} traffic is allowed unless a policy selects it. Covered: ${listText(coverage.covered.map((entry) => entry.ref.name)) || 'no existing namespace'}.`,
    evidence: evidenceOf(
      [
        ...coverage.denyPolicies.map((policy) => policy.source),
        ...uncovered.flatMap((entry) => (entry.source === undefined ? [] : [entry.source])),
      ],
      `Default denies found: ${coverage.denyPolicies.map(describePolicy).join('; ')}.`,
    ),
    fix: `Widen the default deny to every non-system namespace, e.g.:\n${defaultDenyYaml(posture.options.systemNamespaces)}`,
  };
}

function perNamespaceOnlyDraft(posture: Posture, coverage: DirectionCoverage): FindingDraft {
  return {
    severity: 'low',
    description: `No ${lower(coverage.direction)} default deny is global: ${listText(coverage.denyPolicies.map((policy) => policyRef(policy.model)))} ${coverage.denyPolicies.length === 1 ? 'selects' : 'select'} namespaces by name or label, so a namespace created later starts with ${lower(coverage.direction)} traffic allowed until someone adds a policy to it.`,
    evidence: evidenceOf(
      coverage.denyPolicies.map((policy) => policy.source),
      `Default denies found: ${coverage.denyPolicies.map(describePolicy).join('; ')}.`,
    ),
    fix: `Replace the per-namespace default denies with one GlobalNetworkPolicy:\n${defaultDenyYaml(posture.options.systemNamespaces)}`,
  };
}

/** Namespaces known only by name: a namespaceSelector-based default deny may or may not take them in. */
function undeterminedNotes(posture: Posture, coverage: DirectionCoverage): FindingDraft[] {
  if (coverage.undetermined.length === 0) return [];
  const names = coverage.undetermined.map((entry) => entry.ref.name);
  return [
    {
      title: `${META.title} (not assessable)`,
      severity: 'info',
      description: `Could not tell whether the ${lower(coverage.direction)} default deny covers ${listText(names)}: it selects namespaces by label, and the ledger does not track these Namespace objects (or not their current state).`,
      evidence: evidenceOf(
        coverage.denyPolicies.map((policy) => policy.source),
        `Namespaces without known labels: ${names.join(', ')}.`,
      ),
      fix: `Track namespaces: run kubectl get namespaces -o json > snapshot.json, then policy-ledger import snapshot --cluster ${posture.cluster} snapshot.json.`,
    },
  ];
}

function lower(direction: Direction): string {
  return direction.toLowerCase();
}
