import { classifyInventoryObject, pluralOf } from './classify-inventory-object';
import type { InventoryObject } from './report-model';

/**
 * With Calico's aggregated API server one object is tracked twice: as projectcalico.org (the
 * user's request) and as its backing crd.projectcalico.org object, where a default-tier policy
 * is stored as "default.<name>".
 * Keeps one per object: a known state over an unknown one, then projectcalico.org over the CRD.
 */
export function dedupeCalicoTwins(inventory: readonly InventoryObject[]): InventoryObject[] {
  const kept = new Map<string, InventoryObject>();
  const order: string[] = [];
  for (const item of inventory) {
    const key = twinKey(item);
    const current = kept.get(key);
    if (current === undefined) order.push(key);
    if (current === undefined || preference(item) < preference(current)) kept.set(key, item);
  }
  return order.map((key) => kept.get(key) as InventoryObject);
}

// Only the "default." prefix is stripped: other tier prefixes are part of the v3 name as well.
function twinKey(item: InventoryObject): string {
  const group = classifyInventoryObject(item)?.calicoCrd ? 'projectcalico.org' : item.apiGroup;
  const policy = classifyInventoryObject(item)?.family === 'policy';
  const name =
    policy && item.name.startsWith('default.') ? item.name.slice('default.'.length) : item.name;
  return JSON.stringify([item.cluster, group, pluralOf(item.resource), item.namespace ?? '', name]);
}

function preference(item: InventoryObject): number {
  const crd = item.apiGroup === 'crd.projectcalico.org' ? 1 : 0;
  return (isStateKnown(item) ? 0 : 2) + crd;
}

export function isStateKnown(item: InventoryObject): boolean {
  return item.stateKnown && item.object !== null;
}
