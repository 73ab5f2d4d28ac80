import {
  DEFAULT_TIER_ORDER,
  type FelixModel,
  type HostEndpointModel,
  type NamespaceModel,
  type NetworkSetModel,
  type PolicyModel,
  type RoleBindingModel,
  type RoleModel,
  sortInEvaluationOrder,
  type TierModel,
  toFelixModel,
  toHostEndpointModel,
  toNamespaceModel,
  toNetworkSetModel,
  toPolicyModel,
  toRoleBindingModel,
  toRoleModel,
  toTierModel,
} from '@policy-ledger/policy';
import {
  classifyInventoryObject,
  type InventoryFamily,
  pluralOf,
} from './classify-inventory-object';
import { dedupeCalicoTwins, isStateKnown } from './dedupe-calico-twins';
import {
  DEFAULT_STAGED_THRESHOLD_DAYS,
  DEFAULT_SYSTEM_NAMESPACES,
  type PostureInputs,
} from './posture-inputs';
import type { InventoryObject, TierAccess } from './report-model';
import type { NamespaceRef } from './selects-whole-namespace';

/** A tracked object whose state is known, read into the policy library's model. */
export interface Known<M> {
  source: InventoryObject;
  model: M;
}

export interface UnknownObject {
  family: InventoryFamily;
  source: InventoryObject;
}

/** A namespace the inventory shows: a Namespace object, or the namespace of a namespaced object. */
export interface NamespaceEntry {
  ref: NamespaceRef;
  /** The Namespace object, when tracked (its state may be unknown). */
  source?: InventoryObject;
}

export interface ResolvedPostureOptions {
  stagedThresholdDays: number;
  systemNamespaces: readonly string[];
  tenantNamespaceSelector?: string;
}

/** The inventory of one cluster, read once, that every posture rule and threat looks at. */
export interface Posture {
  cluster: string;
  at: string;
  options: ResolvedPostureOptions;
  tiers: Known<TierModel>[];
  /** In Calico evaluation order: tier order, policy order, then name. */
  policies: Known<PolicyModel>[];
  networkSets: Known<NetworkSetModel>[];
  hostEndpoints: Known<HostEndpointModel>[];
  felixConfigurations: Known<FelixModel>[];
  namespaces: Known<NamespaceModel>[];
  /** Every namespace seen, by name; labels are known only from a Namespace object of known state. */
  namespaceEntries: NamespaceEntry[];
  roles: Known<RoleModel>[];
  bindings: Known<RoleBindingModel>[];
  unknown: UnknownObject[];
  tierAccess: TierAccess[];
}

export function readPosture(inputs: PostureInputs): Posture {
  const objects = dedupeCalicoTwins(inputs.inventory.filter((o) => o.cluster === inputs.cluster));
  const classified = objects.flatMap((source) => {
    const found = classifyInventoryObject(source);
    return found === undefined ? [] : [{ source, ...found }];
  });
  const known = (family: InventoryFamily) =>
    classified.filter((entry) => entry.family === family && isStateKnown(entry.source));
  const read = <M>(family: InventoryFamily, toModel: (object: unknown, hint: string) => M) =>
    known(family).map((entry) => ({
      source: entry.source,
      model: toModel(entry.source.object, entry.kindHint),
    }));
  const tiers = read('tier', toTierModel);
  const knownTiers = tiers.map((tier) => tier.model.name);
  const policies = read('policy', (object, kind) => toPolicyModel(object, { kind, knownTiers }));
  const namespaces = read('namespace', toNamespaceModel);
  return {
    cluster: inputs.cluster,
    at: inputs.at,
    options: resolveOptions(inputs),
    tiers: sortTiers(tiers),
    policies: sortPolicies(
      tiers.map((tier) => tier.model),
      policies,
    ),
    networkSets: read('network-set', toNetworkSetModel),
    hostEndpoints: read('host-endpoint', toHostEndpointModel),
    felixConfigurations: read('felix-configuration', toFelixModel),
    namespaces,
    namespaceEntries: namespaceEntriesOf(
      namespaces,
      classified.map((entry) => entry.source),
    ),
    roles: read('role', toRoleModel),
    bindings: read('role-binding', toRoleBindingModel),
    unknown: classified
      .filter((entry) => !isStateKnown(entry.source))
      .map((entry) => ({ family: entry.family, source: entry.source })),
    tierAccess: inputs.tierAccess.filter((access) => access.cluster === inputs.cluster),
  };
}

function namespaceEntriesOf(
  namespaces: readonly Known<NamespaceModel>[],
  objects: readonly InventoryObject[],
): NamespaceEntry[] {
  const entries = new Map<string, NamespaceEntry>();
  for (const { model, source } of namespaces)
    entries.set(model.name, { ref: { name: model.name, labels: model.labels }, source });
  const isNamespace = (object: InventoryObject) => pluralOf(object.resource) === 'namespaces';
  // Namespace objects first, so an unknown-state Namespace is the entry's source when there is one.
  for (const object of [
    ...objects.filter(isNamespace),
    ...objects.filter((o) => !isNamespace(o)),
  ]) {
    const name = isNamespace(object) ? object.name : object.namespace;
    if (name === undefined || entries.has(name)) continue;
    entries.set(name, {
      ref: { name, labels: {}, labelsKnown: false },
      ...(isNamespace(object) ? { source: object } : {}),
    });
  }
  return [...entries.values()].sort((a, b) => (a.ref.name < b.ref.name ? -1 : 1));
}

function resolveOptions(inputs: PostureInputs): ResolvedPostureOptions {
  const options = inputs.options ?? {};
  return {
    stagedThresholdDays: options.stagedThresholdDays ?? DEFAULT_STAGED_THRESHOLD_DAYS,
    systemNamespaces: options.systemNamespaces ?? DEFAULT_SYSTEM_NAMESPACES,
    ...(options.tenantNamespaceSelector === undefined
      ? {}
      : { tenantNamespaceSelector: options.tenantNamespaceSelector }),
  };
}

function sortPolicies(
  tiers: readonly TierModel[],
  policies: readonly Known<PolicyModel>[],
): Known<PolicyModel>[] {
  const sourceOf = new Map(policies.map((policy) => [policy.model, policy.source]));
  return sortInEvaluationOrder(
    tiers,
    policies.map((policy) => policy.model),
  ).map((model) => ({ model, source: sourceOf.get(model) as InventoryObject }));
}

function sortTiers(tiers: readonly Known<TierModel>[]): Known<TierModel>[] {
  return [...tiers].sort(
    (a, b) =>
      compareOrders(a.model.order, b.model.order) ||
      (a.model.name < b.model.name ? -1 : a.model.name > b.model.name ? 1 : 0),
  );
}

/** Absent orders sort last, as Calico evaluates them. */
export function compareOrders(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined)
    return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  return a - b;
}

/** The tier a policy names: its Tier object, else Calico's defaults (Deny; default tier last). */
export function effectiveTier(posture: Posture, name: string): TierModel {
  const found = posture.tiers.find((tier) => tier.model.name === name)?.model;
  if (found !== undefined) return found;
  return {
    name,
    ...(name === 'default' ? { order: DEFAULT_TIER_ORDER } : {}),
    defaultAction: 'Deny',
    problems: [],
  };
}

/** The namespace by name; labels unknown when the inventory holds no Namespace object for it. */
export function namespaceRefOf(posture: Posture, name: string): NamespaceRef {
  return (
    posture.namespaceEntries.find((entry) => entry.ref.name === name)?.ref ?? {
      name,
      labels: {},
      labelsKnown: false,
    }
  );
}

export function isSystemNamespace(posture: Posture, namespace: string): boolean {
  return posture.options.systemNamespaces.includes(namespace);
}

export function enforcedPolicies(posture: Posture): Known<PolicyModel>[] {
  return posture.policies.filter((policy) => policy.model.enforced);
}

export function isGlobalPolicy(policy: PolicyModel): boolean {
  return policy.kind === 'GlobalNetworkPolicy' || policy.kind === 'StagedGlobalNetworkPolicy';
}
