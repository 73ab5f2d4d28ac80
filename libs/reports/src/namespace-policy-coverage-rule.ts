import type { Direction, PolicyModel } from '@policy-ledger/policy';
import { DIRECTIONS } from './analyse-default-deny';
import { listText, plural, policyRef } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { notAssessableNote } from './not-assessable-note';
import { policiesForNamespace } from './policies-for-namespace';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import { isSystemNamespace, type NamespaceEntry, type Posture } from './read-posture';
import { REFERENCES } from './references';
import { maySelectPodsOf, wholeNamespaceCoverage } from './selects-whole-namespace';
import { unknownEnforcedPolicies } from './unknown-policies';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-006',
  title: 'Namespaces without an ingress or egress policy',
  severity: 'medium',
  trigger:
    'A non-system namespace has, for Ingress or for Egress, no enforced policy (namespaced, Kubernetes, or global) that selects every pod in it.',
  references: [REFERENCES.protectedAssets, REFERENCES.forgottenEgress],
};

interface Gap {
  entry: NamespaceEntry;
  directions: Direction[];
  /** Policies selecting only some pods (by pod label): they leave the other pods open. */
  partial: PolicyModel[];
}

/**
 * Without pod inventory, "protected" (Calico Enterprise: every endpoint has a policy) is
 * approximated by "some enforced policy selects every pod of the namespace", so a namespace
 * covered only by pod-label selectors is reported, with those policies named.
 */
export const namespacePolicyCoverageRule = definePostureRule(META, (posture) => {
  const namespaces = posture.namespaceEntries.filter(
    (entry) => !isSystemNamespace(posture, entry.ref.name),
  );
  const assessable = namespaces.filter(
    (entry) => unknownEnforcedPolicies(posture, [entry.ref.name]).length === 0,
  );
  const unassessable = namespaces.filter((entry) => !assessable.includes(entry));
  const gaps = assessable.flatMap((entry) => gapOf(posture, entry) ?? []);
  const drafts: FindingDraft[] = gaps.length === 0 ? [] : [gapDraft(gaps)];
  if (unassessable.length > 0) {
    const names = unassessable.map((entry) => entry.ref.name);
    drafts.push(
      notAssessableNote(
        META,
        unknownEnforcedPolicies(posture, names),
        `whether ${listText(names)} have ingress and egress policies`,
      ),
    );
  }
  return drafts;
});

function gapOf(posture: Posture, entry: NamespaceEntry): Gap | undefined {
  const enforced = policiesForNamespace(posture, entry.ref.name)
    .map(({ model }) => model)
    .filter((model) => model.enforced);
  const directions = DIRECTIONS.filter(
    (direction) =>
      wholeNamespaceCoverage(
        enforced.filter((model) => model.types.includes(direction)),
        entry.ref,
      ) === 'no',
  );
  if (directions.length === 0) return undefined;
  const partial = enforced.filter(
    (model) =>
      directions.some((direction) => model.types.includes(direction)) &&
      maySelectPodsOf(model, entry.ref),
  );
  return { entry, directions, partial };
}

function gapDraft(gaps: readonly Gap[]): FindingDraft {
  const parts = gaps.map(
    (gap) =>
      `${gap.entry.ref.name} (${gap.directions.join(', ')}${gap.partial.length === 0 ? '' : `; only pod-label policies: ${listText(gap.partial.map(policyRef), 3)}`})`,
  );
  return {
    severity: 'medium',
    description: `${plural(gaps.length, 'namespace')} have no enforced policy selecting all their pods for a direction, so pods there are unprotected in it: ${listText(parts, 8)}.`,
    evidence: evidenceOf(
      gaps.flatMap((gap) => (gap.entry.source === undefined ? [] : [gap.entry.source])),
      'Searched enforced NetworkPolicies and Kubernetes NetworkPolicies in each namespace and GlobalNetworkPolicies whose namespaceSelector takes it in, for one whose selector holds for every pod (all(), or namespace labels only).',
    ),
    fix: 'Cover each namespace in both directions: a global default deny (see PL-NET-001) does it for all; otherwise add a NetworkPolicy with selector: all() and types: [Ingress, Egress] to each listed namespace.',
  };
}
