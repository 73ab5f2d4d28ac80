import type { PolicyScope } from './compare-entities';
import type { DiffContext } from './diff-context';
import { diffRuleLists } from './diff-rule-lists';
import { defaultDenyDirections, hasDenyEffect } from './is-default-deny';
import { remoteIsOpen } from './rule-risk';
import { breadthRank, selectorBreadth } from './selector-breadth';
import type { Risk, SemanticChange } from './semantic-change';
import { sortInEvaluationOrder } from './sort-in-evaluation-order';
import { type PolicyModel, toPolicyModel } from './to-policy-model';
import type { Direction } from './to-rule-model';

/** Differences between two versions of a policy (either may be absent: created or deleted). */
export function diffPolicies(
  before: PolicyModel | undefined,
  after: PolicyModel | undefined,
  context: DiffContext = {},
): SemanticChange[] {
  if (before === undefined) return after === undefined ? [] : [policyCreated(after)];
  if (after === undefined) return [policyDeleted(before)];
  const changes = [
    ...diffSelectors(before, after),
    ...diffTypes(before, after),
    ...diffFlags(before, after),
    ...diffPlacement(before, after, context),
    ...diffRules(before, after, 'Ingress'),
    ...diffRules(before, after, 'Egress'),
  ];
  if (before.staged !== after.staged) {
    return [
      stagingChanged(before, after),
      ...changes.map((change) => asStaged(change, 'Compared with the staged version: ')),
    ];
  }
  if (after.staged) {
    return [
      ...diffStagedAction(before, after),
      ...changes.map((change) => asStaged(change, 'Staged: ')),
    ];
  }
  return changes;
}

function identity(policy: PolicyModel): string {
  const where = policy.namespace === undefined ? '' : ` in namespace ${policy.namespace}`;
  return `${policy.kind} ${policy.name}${where}`;
}

function describeOrder(order: number | undefined): string {
  return order === undefined ? 'unset (evaluated last)' : String(order);
}

/** Allow or Pass anywhere: the policy lets some traffic through, or past its tier. */
function isPermissive(policy: PolicyModel): boolean {
  return policy.actionsUsed.has('Allow') || policy.actionsUsed.has('Pass');
}

function createdRisk(policy: PolicyModel): Risk {
  if (policy.staged) return 'low';
  const opensUp = (['Ingress', 'Egress'] as const).some(
    (direction) =>
      policy.types.includes(direction) &&
      rulesOf(policy, direction).some(
        (rule) => rule.action === 'Allow' && remoteIsOpen(rule, direction),
      ),
  );
  if (opensUp) return 'high';
  return isPermissive(policy) ? 'medium' : 'low';
}

function deletedRisk(policy: PolicyModel): Risk {
  if (policy.staged) return 'low';
  return hasDenyEffect(policy) ? 'high' : 'medium';
}

function shape(policy: PolicyModel): string {
  const denies = defaultDenyDirections(policy);
  const kind =
    denies.length > 0 ? `default deny for ${denies.join(', ')}` : `${policy.ruleCount} rules`;
  return `tier ${policy.tier}, order ${describeOrder(policy.order)}, selector ${policy.selector}, ${kind}`;
}

function policyCreated(policy: PolicyModel): SemanticChange {
  return {
    type: 'policy-created',
    risk: createdRisk(policy),
    summary: `${identity(policy)} created (${shape(policy)})`,
    details: {
      tier: policy.tier,
      types: policy.types,
      ruleCount: policy.ruleCount,
      staged: policy.staged,
    },
  };
}

function policyDeleted(policy: PolicyModel): SemanticChange {
  return {
    type: 'policy-deleted',
    risk: deletedRisk(policy),
    summary: `${identity(policy)} deleted (${shape(policy)})`,
    details: {
      tier: policy.tier,
      types: policy.types,
      ruleCount: policy.ruleCount,
      staged: policy.staged,
    },
  };
}

function stagingChanged(before: PolicyModel, after: PolicyModel): SemanticChange {
  if (after.staged) {
    return {
      type: 'enforced-to-staged',
      risk: deletedRisk(before),
      summary: `${identity(before)} is no longer enforced: now ${after.kind} ${after.name} (staged)`,
      details: { from: before.kind, to: after.kind },
    };
  }
  return {
    type: 'staged-to-enforced',
    risk: createdRisk(after) === 'high' ? 'high' : 'medium',
    summary: `${identity(after)} is now enforced (was staged as ${before.kind} ${before.name})`,
    details: { from: before.kind, to: after.kind },
  };
}

/** Staged policies are previewed, not enforced: their changes carry no risk yet. */
function asStaged(change: SemanticChange, prefix: string): SemanticChange {
  return withoutRisk(change, prefix);
}

/** Low risk, with the risk the change would carry if enforced kept in details. */
function withoutRisk(change: SemanticChange, prefix: string): SemanticChange {
  const summary = `${prefix}${change.summary}`;
  if (change.risk === 'low') return { ...change, summary };
  return {
    ...change,
    risk: 'low',
    summary,
    details: { ...change.details, riskIfEnforced: change.risk },
  };
}

function diffStagedAction(before: PolicyModel, after: PolicyModel): SemanticChange[] {
  if (before.stagedAction === after.stagedAction) return [];
  return [
    {
      type: 'staged-action-changed',
      risk: 'low',
      summary: `Staged action changed ${before.stagedAction ?? 'Set'} → ${after.stagedAction ?? 'Set'}`,
      path: '/spec/stagedAction',
      details: { from: before.stagedAction ?? 'Set', to: after.stagedAction ?? 'Set' },
    },
  ];
}

function isKubernetes(policy: PolicyModel): boolean {
  return (
    policy.kind === 'KubernetesNetworkPolicy' || policy.kind === 'StagedKubernetesNetworkPolicy'
  );
}

function scopeOf(policy: PolicyModel): PolicyScope {
  return policy.kind === 'GlobalNetworkPolicy' || policy.kind === 'StagedGlobalNetworkPolicy'
    ? 'global'
    : 'namespaced';
}

function rulesOf(policy: PolicyModel, direction: Direction) {
  return direction === 'Ingress' ? policy.ingress : policy.egress;
}

/** Rules of a direction the policy's types leave out are not enforced: their changes carry no risk. */
function diffRules(
  before: PolicyModel,
  after: PolicyModel,
  direction: Direction,
): SemanticChange[] {
  const changes = diffRuleLists(rulesOf(before, direction), rulesOf(after, direction), {
    direction,
    scope: scopeOf(after),
    kubernetes: isKubernetes(after),
  });
  if (after.types.includes(direction)) return changes;
  return changes.map((change) => withoutRisk(change, `${direction} not enforced (types): `));
}

const SELECTORS = [
  { key: 'selector', label: 'Selector', absent: 'all()' },
  { key: 'namespaceSelector', label: 'Namespace selector', absent: 'all()' },
  { key: 'serviceAccountSelector', label: 'Service account selector', absent: 'all()' },
] as const;

/** Which endpoints the policy applies to. */
function diffSelectors(before: PolicyModel, after: PolicyModel): SemanticChange[] {
  return SELECTORS.flatMap(({ key, label, absent }) => {
    const was = before[key] ?? absent;
    const now = after[key] ?? absent;
    if (was === now) return [];
    const path = key === 'selector' && isKubernetes(after) ? '/spec/podSelector' : `/spec/${key}`;
    return [
      {
        type: 'selector-changed' as const,
        risk: selectorChangeRisk(before, after, was, now),
        summary: `${label} changed ${was} → ${now}${breadthNote(now)}`,
        path,
        details: { from: was, to: now },
      },
    ];
  });
}

function breadthNote(selector: string): string {
  const breadth = selectorBreadth(selector);
  switch (breadth) {
    case 'everything':
      return ' (now selects every endpoint)';
    case 'unparsable':
      return ' (selector could not be parsed)';
    case 'broad':
    case 'narrow':
      return '';
    default: {
      const unhandled: never = breadth;
      return unhandled;
    }
  }
}

/**
 * High when an allowing policy now selects everything ("a too-broad selector"), or when a denying
 * policy that selected everything no longer does (its default deny now has holes).
 */
function selectorChangeRisk(
  before: PolicyModel,
  after: PolicyModel,
  was: string,
  now: string,
): Risk {
  const everything = breadthRank('everything');
  const wasEverything = breadthRank(selectorBreadth(was)) === everything;
  const nowEverything = breadthRank(selectorBreadth(now)) === everything;
  if (isPermissive(after) && nowEverything && !wasEverything) return 'high';
  if (hasDenyEffect(before) && wasEverything && !nowEverything) return 'high';
  return 'medium';
}

function diffTypes(before: PolicyModel, after: PolicyModel): SemanticChange[] {
  const path = isKubernetes(after) ? '/spec/policyTypes' : '/spec/types';
  const details = { from: before.types, to: after.types };
  const removed = before.types.filter((direction) => !after.types.includes(direction));
  const added = after.types.filter((direction) => !before.types.includes(direction));
  return [
    ...removed.map((direction) => ({
      type: 'types-changed' as const,
      risk: 'high' as const,
      summary: `${direction} enforcement removed (types ${before.types.join(', ')} → ${after.types.join(', ')})`,
      path,
      details,
    })),
    ...added.map((direction) => ({
      type: 'types-changed' as const,
      risk: 'low' as const,
      summary: `${direction} enforcement added (types ${before.types.join(', ')} → ${after.types.join(', ')})`,
      path,
      details,
    })),
  ];
}

const FLAGS = [
  { key: 'doNotTrack', type: 'do-not-track-toggled' },
  { key: 'preDNAT', type: 'pre-dnat-toggled' },
  { key: 'applyOnForward', type: 'apply-on-forward-toggled' },
] as const;

/** Host-endpoint data-plane flags change what traffic the rules see and whether it is tracked. */
function diffFlags(before: PolicyModel, after: PolicyModel): SemanticChange[] {
  return FLAGS.flatMap(({ key, type }) =>
    before[key] === after[key]
      ? []
      : [
          {
            type,
            risk: 'medium' as const,
            summary: `${key} turned ${after[key] ? 'on' : 'off'}`,
            path: `/spec/${key}`,
            details: { from: before[key], to: after[key] },
          },
        ],
  );
}

function diffPlacement(
  before: PolicyModel,
  after: PolicyModel,
  context: DiffContext,
): SemanticChange[] {
  const changes: SemanticChange[] = [];
  if (before.tier !== after.tier) {
    changes.push({
      type: 'tier-changed',
      risk: 'medium',
      summary: `Moved from tier ${before.tier} to tier ${after.tier}`,
      path: '/spec/tier',
      details: { from: before.tier, to: after.tier },
    });
  }
  if (before.order !== after.order) changes.push(orderMoved(before, after, context));
  return changes;
}

function orderMoved(before: PolicyModel, after: PolicyModel, context: DiffContext): SemanticChange {
  const peers = (context.tierPolicies ?? [])
    .map((object) =>
      toPolicyModel(
        object,
        context.knownTiers === undefined ? {} : { knownTiers: context.knownTiers },
      ),
    )
    .filter((peer) => peer.tier === after.tier && !samePolicy(peer, after));
  const { nowBefore, nowAfter } = crossedPeers(before, after, peers);
  const risky =
    (isPermissive(after) && nowBefore.some(hasDenyEffect)) ||
    (hasDenyEffect(after) && nowAfter.some(isPermissive));
  const moves = [
    nowBefore.length > 0
      ? `moved before ${nowBefore.map((peer) => peer.name).join(', ')}`
      : undefined,
    nowAfter.length > 0 ? `moved after ${nowAfter.map((peer) => peer.name).join(', ')}` : undefined,
  ].filter((part) => part !== undefined);
  return {
    type: 'order-moved',
    risk: risky ? 'high' : 'medium',
    summary: `Order changed ${describeOrder(before.order)} → ${describeOrder(after.order)}${moves.length > 0 ? `: ${moves.join('; ')}` : ''}`,
    path: '/spec/order',
    details: {
      from: before.order ?? null,
      to: after.order ?? null,
      movedBefore: nowBefore.map((peer) => peer.name),
      movedAfter: nowAfter.map((peer) => peer.name),
    },
  };
}

function samePolicy(a: PolicyModel, b: PolicyModel): boolean {
  return a.name === b.name && a.namespace === b.namespace && a.kind === b.kind;
}

/** Peers whose place relative to the policy flipped between the two versions. */
function crossedPeers(before: PolicyModel, after: PolicyModel, peers: readonly PolicyModel[]) {
  const precedes = (version: PolicyModel) => {
    const placed = { ...version, tier: after.tier };
    const sorted = sortInEvaluationOrder([], [...peers, placed]);
    return new Set(sorted.slice(0, sorted.indexOf(placed)));
  };
  const earlierBefore = precedes(before);
  const earlierAfter = precedes(after);
  return {
    nowBefore: peers.filter((peer) => earlierBefore.has(peer) && !earlierAfter.has(peer)),
    nowAfter: peers.filter((peer) => !earlierBefore.has(peer) && earlierAfter.has(peer)),
  };
}
