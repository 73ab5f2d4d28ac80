import { createHash } from 'node:crypto';
import { TRACKED_KINDS, type TrackedKind, uuidV5 } from '@policy-ledger/audit';
import {
  canonicalJson,
  type NewEvent,
  type ObjectObservedFact,
  objectStreamId,
  toMicroTime,
} from '@policy-ledger/ledger';

const OBSERVATION_NAMESPACE = 'a6f1c0d3-2b7e-5c49-8e1d-7f3a9b5c2e41';

export interface SnapshotPlan {
  facts: NewEvent[];
  /** Objects of kinds the ledger does not track (pods, services...), by kind. */
  skipped: Record<string, number>;
  problems: string[];
}

/** projectcalico.org/v3 and crd.projectcalico.org/v1 both name Calico kinds; the group tells them apart. */
function kindOf(item: Record<string, unknown>): TrackedKind | undefined {
  const apiVersion = typeof item.apiVersion === 'string' ? item.apiVersion : '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return TRACKED_KINDS.find((k) => k.kind === item.kind && k.apiGroup === group);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The items of `kubectl get <kinds> -A -o json` (a List), a JSON array, or several documents. */
export function snapshotItems(documents: readonly unknown[]): unknown[] {
  return documents.flatMap((doc) =>
    isObject(doc) && Array.isArray(doc.items) ? doc.items : Array.isArray(doc) ? doc : [doc],
  );
}

/**
 * A cluster's existing objects as "observed" facts, so its history does not start empty. The id
 * covers the object and its resourceVersion (or content), not the import time: importing the same
 * snapshot twice stores it once.
 */
export function planSnapshot(
  documents: readonly unknown[],
  cluster: string,
  observedAt: Date,
  source: { file?: string } = {},
): SnapshotPlan {
  const plan: SnapshotPlan = { facts: [], skipped: {}, problems: [] };
  const at = toMicroTime(observedAt.toISOString())!;
  snapshotItems(documents).forEach((item, index) => {
    if (!isObject(item)) {
      plan.problems.push(`item ${index}: not an object`);
      return;
    }
    const kind = kindOf(item);
    if (!kind) {
      const label = `${String(item.apiVersion ?? '?')}/${String(item.kind ?? '?')}`;
      plan.skipped[label] = (plan.skipped[label] ?? 0) + 1;
      return;
    }
    const metadata = isObject(item.metadata) ? item.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : undefined;
    const namespace =
      kind.namespaced && typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
    if (!name || (kind.namespaced && !namespace)) {
      plan.problems.push(
        `item ${index} (${kind.kind}): metadata.name${kind.namespaced ? ' and metadata.namespace are' : ' is'} required`,
      );
      return;
    }
    const uid = typeof metadata.uid === 'string' ? metadata.uid : undefined;
    const version =
      typeof metadata.resourceVersion === 'string'
        ? metadata.resourceVersion
        : createHash('sha256').update(canonicalJson(item)).digest('hex');
    const key = { cluster, apiGroup: kind.apiGroup, resource: kind.resource, namespace, name };
    const data: ObjectObservedFact = {
      cluster,
      object: {
        apiGroup: kind.apiGroup,
        resource: kind.resource,
        kind: kind.kind,
        family: kind.family,
        namespaced: kind.namespaced,
        directCrd: kind.directCrd,
        namespace,
        name,
        uid,
      },
      state: item,
      observedAt: at,
      source: { kind: 'snapshot', ...(source.file ? { file: source.file } : {}), index },
    };
    plan.facts.push({
      eventId: uuidV5(OBSERVATION_NAMESPACE, `${objectStreamId(key)}\n${uid ?? ''}\n${version}`),
      streamId: objectStreamId(key),
      type: 'ObjectObserved',
      data: data as unknown as Record<string, unknown>,
      metadata: { cluster, source: { snapshot: source.file ?? 'stdin', index } },
      occurredAt: at,
    });
  });
  return plan;
}
