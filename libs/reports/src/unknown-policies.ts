import { type InventoryFamily, pluralOf } from './classify-inventory-object';
import type { Posture } from './read-posture';
import type { InventoryObject } from './report-model';

/**
 * Enforced policy objects whose state is unknown and that could apply to the given namespaces
 * (every namespace when none are given): global ones always, namespaced ones in those namespaces.
 */
export function unknownEnforcedPolicies(
  posture: Posture,
  namespaces?: readonly string[],
): InventoryObject[] {
  return posture.unknown
    .filter((item) => item.family === 'policy')
    .map((item) => item.source)
    .filter((source) => !pluralOf(source.resource).startsWith('staged'))
    .filter(
      (source) =>
        source.namespace === undefined ||
        namespaces === undefined ||
        namespaces.includes(source.namespace),
    );
}

export function unknownOfFamily(posture: Posture, family: InventoryFamily): InventoryObject[] {
  return posture.unknown.filter((item) => item.family === family).map((item) => item.source);
}
