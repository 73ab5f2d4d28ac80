import type { Evidence, InventoryObject } from './report-model';

type EvidenceObject = NonNullable<Evidence['objects']>[number];

/** The ledger pointers behind a statement: each object's version, audit ID and positions. */
export function evidenceOf(sources: readonly InventoryObject[], note?: string): Evidence {
  const objects = new Map<string, EvidenceObject>();
  for (const source of sources) {
    const object = {
      cluster: source.cluster,
      resource: source.resource,
      ...(source.namespace === undefined ? {} : { namespace: source.namespace }),
      name: source.name,
      version: source.version,
    };
    objects.set(JSON.stringify(object), object);
  }
  const auditIds = unique(sources.flatMap((source) => (source.auditId ? [source.auditId] : [])));
  const positions = unique(sources.flatMap((source) => source.positions)).sort((a, b) => a - b);
  return {
    objects: [...objects.values()],
    ...(auditIds.length === 0 ? {} : { auditIds }),
    ...(positions.length === 0 ? {} : { positions }),
    ...(note === undefined ? {} : { note }),
  };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
