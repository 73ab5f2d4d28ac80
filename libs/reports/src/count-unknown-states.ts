import { dedupeCalicoTwins, isStateKnown } from './dedupe-calico-twins';
import type { InventoryObject } from './report-model';

export interface UnknownStateCount {
  cluster: string;
  resource: string;
  count: number;
}

/** Tracked objects whose state the ledger could not reconstruct, per cluster and resource. */
export function countUnknownStates(inventory: readonly InventoryObject[]): UnknownStateCount[] {
  const counts = new Map<string, UnknownStateCount>();
  for (const item of dedupeCalicoTwins(inventory).filter((object) => !isStateKnown(object))) {
    const key = JSON.stringify([item.cluster, item.resource]);
    const found = counts.get(key) ?? { cluster: item.cluster, resource: item.resource, count: 0 };
    found.count += 1;
    counts.set(key, found);
  }
  const key = (row: UnknownStateCount) => `${row.cluster}\u0000${row.resource}`;
  return [...counts.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
