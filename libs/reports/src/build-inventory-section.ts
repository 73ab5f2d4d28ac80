import {
  DEFAULT_TIER_ORDER,
  type PolicyModel,
  type RuleAction,
  sortInEvaluationOrder,
  type TierModel,
  toNetworkSetModel,
  toPolicyModel,
  toTierModel,
} from '@policy-ledger/policy';
import { classifyInventoryObject, pluralOf } from './classify-inventory-object';
import { dedupeCalicoTwins, isStateKnown } from './dedupe-calico-twins';
import { compareOrders } from './read-posture';
import type { InventoryObject, NetworkSetRow, PolicyRow, TierRow } from './report-model';

export interface InventorySection {
  tiers: TierRow[];
  policies: PolicyRow[];
  networkSets: NetworkSetRow[];
}

/** Listed under this tier name when a policy's state (and so its tier) is unknown; never a DNS label. */
export const UNKNOWN_TIER = '(state unknown)';
const ACTION_ORDER: readonly RuleAction[] = ['Allow', 'Deny', 'Pass', 'Log'];

/**
 * The inventory tables, per cluster: tiers in evaluation order (the implicit default tier
 * included), policies in Calico evaluation order with Kubernetes NetworkPolicies in the default
 * tier, then network sets. Tiers and sets of unknown state are left out (countUnknownStates
 * counts them); policies of unknown state are listed last with stateKnown false.
 */
export function buildInventorySection(inventory: readonly InventoryObject[]): InventorySection {
  const clusters = [...new Set(inventory.map((item) => item.cluster))].sort();
  const sections = clusters.map((cluster) =>
    clusterSection(dedupeCalicoTwins(inventory.filter((item) => item.cluster === cluster))),
  );
  return {
    tiers: sections.flatMap((section) => section.tiers),
    policies: sections.flatMap((section) => section.policies),
    networkSets: sections.flatMap((section) => section.networkSets),
  };
}

function clusterSection(objects: readonly InventoryObject[]): InventorySection {
  const family = (name: string) =>
    objects.filter((item) => classifyInventoryObject(item)?.family === name);
  const tierObjects = family('tier');
  const tiers = tierObjects
    .filter(isStateKnown)
    .map((source) => ({ source, model: toTierModel(source.object) }));
  const knownTiers = tiers.map((tier) => tier.model.name);
  const policies = family('policy')
    .filter(isStateKnown)
    .map((source) => ({
      source,
      model: toPolicyModel(source.object, {
        kind: classifyInventoryObject(source)?.kindHint ?? source.kind,
        knownTiers,
      }),
    }));
  const policyRows = orderedPolicyRows(tiers, policies);
  return {
    tiers: tierRows(objects[0]?.cluster ?? '', tiers, tierObjects, policyRows),
    policies: [
      ...policyRows,
      ...family('policy')
        .filter((item) => !isStateKnown(item))
        .map(unknownPolicyRow),
    ],
    networkSets: family('network-set').filter(isStateKnown).map(networkSetRow).sort(compareSets),
  };
}

type Known<M> = { source: InventoryObject; model: M };

function orderedPolicyRows(
  tiers: readonly Known<TierModel>[],
  policies: readonly Known<PolicyModel>[],
): PolicyRow[] {
  const sourceOf = new Map(policies.map((policy) => [policy.model, policy.source]));
  const models = tiers.map((tier) => tier.model);
  return sortInEvaluationOrder(
    models,
    policies.map((policy) => policy.model),
  ).map((model) =>
    policyRow(model, sourceOf.get(model) as InventoryObject, tierOrder(models, model.tier)),
  );
}

function tierOrder(tiers: readonly TierModel[], name: string): number | undefined {
  return (
    tiers.find((tier) => tier.name === name)?.order ??
    (name === 'default' ? DEFAULT_TIER_ORDER : undefined)
  );
}

function policyRow(
  model: PolicyModel,
  source: InventoryObject,
  order: number | undefined,
): PolicyRow {
  return {
    cluster: source.cluster,
    tier: model.tier,
    ...(order === undefined ? {} : { tierOrder: order }),
    kind: model.kind,
    ...(model.namespace === undefined ? {} : { namespace: model.namespace }),
    name: model.name || source.name,
    ...(model.order === undefined ? {} : { order: model.order }),
    selector: model.selector,
    types: [...model.types],
    actionsUsed: ACTION_ORDER.filter((action) => model.actionsUsed.has(action)),
    ruleCount: model.ruleCount,
    staged: model.staged,
    enforced: model.enforced,
    version: source.version,
    since: source.since,
    stateKnown: true,
  };
}

function unknownPolicyRow(source: InventoryObject): PolicyRow {
  const staged = pluralOf(source.resource).startsWith('staged');
  return {
    cluster: source.cluster,
    tier: UNKNOWN_TIER,
    kind: classifyInventoryObject(source)?.kindHint ?? source.kind,
    ...(source.namespace === undefined ? {} : { namespace: source.namespace }),
    name: source.name,
    selector: '',
    types: [],
    actionsUsed: [],
    ruleCount: 0,
    staged,
    enforced: !staged,
    version: source.version,
    since: source.since,
    stateKnown: false,
  };
}

/** Tier objects of known state, plus the default tier Calico always has, even with no Tier object seen. */
function tierRows(
  cluster: string,
  tiers: readonly Known<TierModel>[],
  tierObjects: readonly InventoryObject[],
  policies: readonly PolicyRow[],
): TierRow[] {
  const count = (name: string) => policies.filter((policy) => policy.tier === name).length;
  const rows: TierRow[] = tiers.map(({ model, source }) => ({
    cluster,
    name: model.name,
    ...(model.order === undefined ? {} : { order: model.order }),
    defaultAction: model.defaultAction,
    policies: count(model.name),
    version: source.version,
    since: source.since,
  }));
  if (!tierObjects.some((tier) => tier.name === 'default'))
    rows.push({
      cluster,
      name: 'default',
      order: DEFAULT_TIER_ORDER,
      defaultAction: 'Deny',
      policies: count('default'),
      version: 0,
      since: '',
    });
  return rows.sort(
    (a, b) => compareOrders(a.order, b.order) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

function networkSetRow(source: InventoryObject): NetworkSetRow {
  const model = toNetworkSetModel(source.object);
  return {
    cluster: source.cluster,
    kind: model.kind,
    ...(model.namespace === undefined ? {} : { namespace: model.namespace }),
    name: model.name || source.name,
    nets: model.nets.length,
    domains: model.domains.length,
    labels: { ...model.labels },
  };
}

function compareSets(a: NetworkSetRow, b: NetworkSetRow): number {
  const key = (row: NetworkSetRow) =>
    `${row.kind === 'GlobalNetworkSet' ? 0 : 1}\u0000${row.namespace ?? ''}\u0000${row.name}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
