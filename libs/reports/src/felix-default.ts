import type { FelixModel } from '@policy-ledger/policy';
import type { Known, Posture } from './read-posture';
import type { InventoryObject } from './report-model';

export type FelixDefault =
  | { state: 'known'; felix: Known<FelixModel> }
  | { state: 'unknown'; source: InventoryObject }
  | { state: 'absent' };

/** FelixConfiguration "default": known, tracked with an unknown state, or not tracked at all. */
export function felixDefaultOf(posture: Posture): FelixDefault {
  const felix = posture.felixConfigurations.find((known) => known.model.name === 'default');
  if (felix !== undefined) return { state: 'known', felix };
  const unknown = posture.unknown.find(
    (item) => item.family === 'felix-configuration' && item.source.name === 'default',
  );
  return unknown === undefined ? { state: 'absent' } : { state: 'unknown', source: unknown.source };
}

/** A spec field as written (undefined when unset), for fields the policy model does not read. */
export function felixSpecField(felix: Known<FelixModel>, field: string): unknown {
  const spec = felix.source.object?.spec;
  if (typeof spec !== 'object' || spec === null) return undefined;
  return Object.hasOwn(spec, field) ? (spec as Record<string, unknown>)[field] : undefined;
}
