import {
  type Direction,
  isThreatFeedSet,
  type NetworkSetModel,
  type PolicyModel,
  type RuleModel,
  remoteEntity,
  selectorMatches,
} from '@policy-ledger/policy';
import { DIRECTIONS, rulesOf } from './analyse-default-deny';
import { listText, plural, policyRef } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { blockThreatFeedYaml } from './fix-snippets';
import { kubectlRef } from './kubectl-ref';
import { notAssessableNote } from './not-assessable-note';
import { parseSelectorCached } from './parse-selector-cached';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import { isGlobalPolicy, type Known, namespaceRefOf, type Posture } from './read-posture';
import { REFERENCES } from './references';
import { selectorTakesNamespace } from './selects-whole-namespace';
import { unknownEnforcedPolicies } from './unknown-policies';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-009',
  title: 'Threat feed not used by a Deny',
  severity: 'medium',
  trigger:
    'A network set that looks like a threat feed or block list (by name or labels) is selected by no Deny rule of an enforced policy.',
  references: [REFERENCES.threatFeeds, REFERENCES.networkSets],
};

export const threatFeedRule = definePostureRule(META, (posture) => {
  const feeds = posture.networkSets.filter((set) => isThreatFeedSet(set.model));
  if (feeds.length === 0) return [];
  const unused = feeds.filter(
    (feed) =>
      !posture.policies.some(
        ({ model }) => model.enforced && deniesSet(posture, model, feed.model),
      ),
  );
  if (unused.length === 0) return [];
  const unknown = unknownEnforcedPolicies(posture);
  if (unknown.length > 0)
    return [
      notAssessableNote(
        META,
        unknown,
        `whether ${listText(unused.map((feed) => feed.model.name))} are used by a Deny rule`,
      ),
    ];
  return unused.map((feed) => draftFor(posture, feed));
});

function draftFor(posture: Posture, feed: Known<NetworkSetModel>): FindingDraft {
  const staged = posture.policies.filter(
    ({ model }) => model.staged && deniesSet(posture, model, feed.model),
  );
  const labels = Object.entries(feed.model.labels);
  const selector =
    labels.length === 0 ? "threat-feed == 'malicious'" : `${labels[0]?.[0]} == '${labels[0]?.[1]}'`;
  return {
    severity: 'medium',
    description: `${feed.model.kind} ${setName(feed.model)} (${plural(feed.model.nets.length, 'net')}${feed.model.domains.length === 0 ? '' : `, ${plural(feed.model.domains.length, 'domain')}`}) looks like a threat feed, but no enforced Deny rule selects it, so traffic to and from those addresses is not blocked${staged.length === 0 ? '' : ` (only staged ${listText(staged.map((known) => policyRef(known.model)))} would)`}${labels.length === 0 ? '; it has no labels, so no rule selector can pick it' : ''}.`,
    evidence: evidenceOf(
      [feed.source, ...staged.map((known) => known.source)],
      `Searched every enforced policy's Deny rules for a source (ingress) or destination (egress) selector matching its labels ${labels.length === 0 ? '(none)' : labels.map(([key, value]) => `${key}=${value}`).join(', ')}.`,
    ),
    fix: `${labels.length === 0 ? `Label the set (kubectl label ${kubectlRef(feed.source)} threat-feed=malicious), then d` : 'D'}eny traffic to it ahead of every allow:\n${blockThreatFeedYaml(selector)}`,
  };
}

function setName(set: NetworkSetModel): string {
  return set.namespace === undefined ? set.name : `${set.namespace}/${set.name}`;
}

function deniesSet(posture: Posture, policy: PolicyModel, set: NetworkSetModel): boolean {
  return DIRECTIONS.some(
    (direction) =>
      policy.types.includes(direction) &&
      rulesOf(policy, direction).some(
        (rule) => rule.action === 'Deny' && ruleSelectsSet(posture, policy, rule, direction, set),
      ),
  );
}

/**
 * Global sets are reached from a GlobalNetworkPolicy's rule selector, or with namespaceSelector
 * global(); namespaced sets from their own namespace's policies or a matching namespaceSelector.
 */
function ruleSelectsSet(
  posture: Posture,
  policy: PolicyModel,
  rule: RuleModel,
  direction: Direction,
  set: NetworkSetModel,
): boolean {
  const remote = remoteEntity(rule, direction);
  if (remote.selector === undefined) return false;
  const parsed = parseSelectorCached(remote.selector);
  if (!parsed.ok || !selectorMatches(parsed.ast, set.labels)) return false;
  const namespaceSelector = remote.namespaceSelector;
  if (set.namespace === undefined)
    return namespaceSelector === undefined
      ? isGlobalPolicy(policy)
      : namespaceSelector.includes('global()');
  if (namespaceSelector === undefined)
    return isGlobalPolicy(policy) || policy.namespace === set.namespace;
  return selectorTakesNamespace(namespaceSelector, namespaceRefOf(posture, set.namespace)) !== 'no';
}
