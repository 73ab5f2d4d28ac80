import type { InventoryObject } from './report-model';

/** "networkpolicies.projectcalico.org -n production backend-egress", for kubectl edit/delete. */
export function kubectlRef(source: InventoryObject): string {
  const namespace = source.namespace === undefined ? '' : `-n ${source.namespace} `;
  return `${source.resource} ${namespace}${source.name}`;
}
