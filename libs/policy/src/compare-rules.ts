import {
  compareEntityMatch,
  comparePorts,
  compareProtocol,
  type MatchDelta,
  type PolicyScope,
} from './compare-entities';
import {
  actionVerb,
  describeEntity,
  describeProtocol,
  describeRulePorts,
  ruleLabel,
} from './describe-rule';
import { entityMatchesEverything, remoteEntity } from './entity-reaches-internet';
import {
  actionChangeRisk,
  changedRisk,
  narrowedRisk,
  reachesInternetByAddress,
  remoteIsOpen,
  widenedRisk,
} from './rule-risk';
import type { SemanticChange } from './semantic-change';
import type { Direction, RuleModel } from './to-rule-model';

export interface RuleComparison {
  direction: Direction;
  scope: PolicyScope;
  /** Kubernetes rules keep peers in from/to and ports in ports. */
  kubernetes: boolean;
}

type Aspect = 'source' | 'destination' | 'ports' | 'protocol';

/** What changed between two versions of the same rule, aspect by aspect. */
export function compareRules(
  before: RuleModel,
  after: RuleModel,
  context: RuleComparison,
): SemanticChange[] {
  const changes: SemanticChange[] = [];
  const label = ruleLabel(after, context.direction);
  if (before.action !== after.action) {
    changes.push({
      type: 'action-changed',
      risk: actionChangeRisk(before.action, after.action),
      summary: `Action of ${lowerFirst(label)} changed ${before.action} → ${after.action}`,
      path: `${after.path}/action`,
      details: { from: before.action, to: after.action },
    });
  }
  for (const aspect of ['source', 'destination', 'ports', 'protocol'] as const) {
    const change = compareAspect(before, after, aspect, context);
    if (change !== undefined) changes.push(change);
  }
  return changes;
}

function compareAspect(
  before: RuleModel,
  after: RuleModel,
  aspect: Aspect,
  context: RuleComparison,
): SemanticChange | undefined {
  const delta = aspectDelta(before, after, aspect, context.scope);
  const was = describeAspect(before, aspect);
  const now = describeAspect(after, aspect);
  const label = ruleLabel(after, context.direction);
  const base = { path: aspectPath(after, aspect, context), details: { before: was, after: now } };
  if (delta.widened) {
    return {
      type: `${aspect}-widened`,
      risk: widenedRisk(after.action, opensUp(before, after, aspect, context.direction)),
      summary: `${label} now ${actionVerb(after.action)} ${phrase(after, aspect, now)} (was ${was})`,
      ...base,
    };
  }
  if (delta.incomparable) {
    return {
      type: 'rule-changed',
      risk: changedRisk(after.action),
      summary: `${label} ${aspect} changed: ${was} → ${now}`,
      ...base,
    };
  }
  if (delta.narrowed) {
    return {
      type: `${aspect}-narrowed`,
      risk: narrowedRisk(after.action),
      summary: `${label} now ${actionVerb(after.action)} only ${phrase(after, aspect, now)} (was ${was})`,
      ...base,
    };
  }
  return undefined;
}

function aspectDelta(
  before: RuleModel,
  after: RuleModel,
  aspect: Aspect,
  scope: PolicyScope,
): MatchDelta {
  switch (aspect) {
    case 'source':
      return compareEntityMatch(before.source, after.source, scope);
    case 'destination':
      return compareEntityMatch(before.destination, after.destination, scope);
    case 'ports':
      return comparePorts(before, after);
    case 'protocol':
      return compareProtocol(before, after);
    default: {
      const unhandled: never = aspect;
      return unhandled;
    }
  }
}

function describeAspect(rule: RuleModel, aspect: Aspect): string {
  switch (aspect) {
    case 'source':
      return describeEntity(rule.source);
    case 'destination':
      return describeEntity(rule.destination);
    case 'ports':
      return describeRulePorts(rule);
    case 'protocol':
      return describeProtocol(rule);
    default: {
      const unhandled: never = aspect;
      return unhandled;
    }
  }
}

/** "TCP to 0.0.0.0/0", "from anywhere", "TCP on ports 80, 443", "any protocol". */
function phrase(rule: RuleModel, aspect: Aspect, description: string): string {
  const protocol = rule.protocol === undefined ? '' : `${rule.protocol} `;
  switch (aspect) {
    case 'source':
      return `${protocol}from ${description}`;
    case 'destination':
      return `${protocol}to ${description}`;
    case 'ports':
      return `${protocol}on ${description}`;
    case 'protocol':
      return description;
    default: {
      const unhandled: never = aspect;
      return unhandled;
    }
  }
}

/**
 * Whether the widening opened the rule to the internet or to everything: the remote side newly
 * reaches it, or the ports restriction fell away while the remote side was already open.
 */
function opensUp(
  before: RuleModel,
  after: RuleModel,
  aspect: Aspect,
  direction: Direction,
): boolean {
  const remoteAspect = direction === 'Ingress' ? 'source' : 'destination';
  if (aspect === remoteAspect) {
    const was = remoteEntity(before, direction);
    const now = remoteEntity(after, direction);
    return (
      (entityMatchesEverything(now) && !entityMatchesEverything(was)) ||
      (reachesInternetByAddress(now) && !reachesInternetByAddress(was))
    );
  }
  if (aspect === 'ports') {
    return after.destination.ports.length === 0 && remoteIsOpen(after, direction);
  }
  return false;
}

function aspectPath(rule: RuleModel, aspect: Aspect, context: RuleComparison): string {
  if (context.kubernetes) {
    const peers = context.direction === 'Ingress' ? 'from' : 'to';
    return `${rule.path}/${aspect === 'source' || aspect === 'destination' ? peers : 'ports'}`;
  }
  switch (aspect) {
    case 'source':
    case 'destination':
      return `${rule.path}/${aspect}`;
    case 'ports':
      return `${rule.path}/destination/ports`;
    case 'protocol':
      return `${rule.path}/protocol`;
    default: {
      const unhandled: never = aspect;
      return unhandled;
    }
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
