import { TRACKED_KINDS } from '@policy-ledger/audit';
import { kubectlResource, objectsAt } from '@policy-ledger/ledger';
import type pg from 'pg';
import type { InventoryObject } from '../report-model';

/** Every tracked kind but crd.projectcalico.org, whose objects shadow the projectcalico.org ones. */
const ALL_KINDS = TRACKED_KINDS.filter((k) => !k.directCrd).map((k) => ({
  apiGroup: k.apiGroup,
  resource: k.resource,
}));

/**
 * The objects that existed at `at` (or now), as the report and the inventory API need them:
 * deleted ones left out, each with the version in force and the evidence behind it.
 */
export async function inventoryAt(
  db: pg.Pool | pg.ClientBase,
  scope: {
    cluster: string | null;
    at?: string;
    kinds?: ReadonlyArray<{ apiGroup: string; resource: string }>;
  },
): Promise<InventoryObject[]> {
  const versions = await objectsAt(db, {
    cluster: scope.cluster,
    kinds: scope.kinds ?? ALL_KINDS,
    ...(scope.at ? { at: scope.at } : {}),
  });
  return versions
    .filter((v) => !v.deleted)
    .map((v) => ({
      cluster: v.cluster,
      apiGroup: v.apiGroup,
      resource: kubectlResource(v.apiGroup, v.resource),
      kind: v.kind,
      ...(v.namespace ? { namespace: v.namespace } : {}),
      name: v.name,
      object: v.stateKnown ? v.object : null,
      version: v.version,
      since: v.occurredAt,
      stateKnown: v.stateKnown,
      ...(v.unknownSince ? { unknownSince: v.unknownSince } : {}),
      ...(v.change.auditId ? { auditId: v.change.auditId } : {}),
      positions: v.change.positions,
    }));
}

/** The kinds the policy inventory lists: tiers, every policy kind, network sets. */
export const INVENTORY_KINDS = TRACKED_KINDS.filter(
  (k) =>
    !k.directCrd &&
    [
      'calico-tier',
      'calico-policy',
      'calico-staged-policy',
      'k8s-network-policy',
      'calico-network-set',
    ].includes(k.family),
).map((k) => ({ apiGroup: k.apiGroup, resource: k.resource }));
