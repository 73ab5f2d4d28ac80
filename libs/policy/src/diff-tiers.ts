import type { SemanticChange } from './semantic-change';
import type { TierModel } from './to-tier-model';

function describeOrder(order: number | undefined): string {
  return order === undefined ? 'unset (evaluated last)' : String(order);
}

export function diffTiers(
  before: TierModel | undefined,
  after: TierModel | undefined,
): SemanticChange[] {
  if (before === undefined) {
    if (after === undefined) return [];
    return [
      {
        type: 'tier-created',
        risk: 'low',
        summary: `Tier ${after.name} created (order ${describeOrder(after.order)}, default action ${after.defaultAction})`,
        details: { order: after.order ?? null, defaultAction: after.defaultAction },
      },
    ];
  }
  if (after === undefined) {
    return [
      {
        type: 'tier-deleted',
        risk: 'medium',
        summary: `Tier ${before.name} deleted (order ${describeOrder(before.order)}, default action ${before.defaultAction})`,
        details: { order: before.order ?? null, defaultAction: before.defaultAction },
      },
    ];
  }
  return [...diffDefaultAction(before, after), ...diffOrder(before, after)];
}

/** Pass makes the tier fail open: traffic no policy of the tier acts on goes on to the next tier. */
function diffDefaultAction(before: TierModel, after: TierModel): SemanticChange[] {
  if (before.defaultAction === after.defaultAction) return [];
  const failOpen = after.defaultAction === 'Pass';
  return [
    {
      type: 'tier-default-action-changed',
      risk: failOpen ? 'high' : 'low',
      summary: `Tier ${after.name} default action changed ${before.defaultAction} → ${after.defaultAction}${failOpen ? ' (fail-open)' : ''}`,
      path: '/spec/defaultAction',
      details: { from: before.defaultAction, to: after.defaultAction },
    },
  ];
}

/** A tier's order decides which guardrails are evaluated first. */
function diffOrder(before: TierModel, after: TierModel): SemanticChange[] {
  if (before.order === after.order) return [];
  return [
    {
      type: 'tier-order-changed',
      risk: 'medium',
      summary: `Tier ${after.name} order changed ${describeOrder(before.order)} → ${describeOrder(after.order)}`,
      path: '/spec/order',
      details: { from: before.order ?? null, to: after.order ?? null },
    },
  ];
}
