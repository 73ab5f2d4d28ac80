import type { InventoryObject, TierAccess } from './report-model';

export interface PostureOptions {
  /** A staged policy older than this (days) counts as left unenforced. Default 14. */
  stagedThresholdDays?: number;
  /** Namespaces the platform owns; default-deny and isolation rules do not require them. */
  systemNamespaces?: string[];
  /** Calico selector over namespace labels marking tenant namespaces; absent: every non-system namespace. */
  tenantNamespaceSelector?: string;
}

export interface PostureInputs {
  cluster: string;
  /** Period end, RFC 3339. */
  at: string;
  /** Every tracked object at the period end; `object` is null when its state is unknown. */
  inventory: InventoryObject[];
  tierAccess: TierAccess[];
  options?: PostureOptions;
}

export const DEFAULT_STAGED_THRESHOLD_DAYS = 14;
export const DEFAULT_SYSTEM_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'calico-system',
  'calico-apiserver',
  'tigera-operator',
];
