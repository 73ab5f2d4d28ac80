import { toJsonPointer } from './json-pointer';
import { getOwn, isJsonObject, jsonEqual } from './json-value';
import type { SemanticChange } from './semantic-change';

/** Never compared: identity, bookkeeping (resourceVersion, managedFields, uid...) and status. */
const IGNORED_TOP_LEVEL = ['apiVersion', 'kind', 'metadata', 'status'];

/**
 * Fields the semantic diff does not model still changed something the auditor may want to see:
 * one low-risk `field-changed` per changed field. `modelled` lists the fields already diffed.
 */
export function diffUnmodelledFields(
  before: unknown,
  after: unknown,
  modelled: { spec?: readonly string[]; topLevel?: readonly string[] },
): SemanticChange[] {
  const top = changedKeys(before, after, [
    ...IGNORED_TOP_LEVEL,
    'spec',
    ...(modelled.topLevel ?? []),
  ]).map((key) => fieldChanged([key]));
  const spec =
    modelled.spec === undefined
      ? fieldChangedIfDifferent(getOwn(before, 'spec'), getOwn(after, 'spec'))
      : changedKeys(getOwn(before, 'spec'), getOwn(after, 'spec'), modelled.spec).map((key) =>
          fieldChanged(['spec', key]),
        );
  return [...top, ...spec];
}

function fieldChangedIfDifferent(before: unknown, after: unknown): SemanticChange[] {
  return jsonEqual(before, after) ? [] : [fieldChanged(['spec'])];
}

function changedKeys(before: unknown, after: unknown, ignored: readonly string[]): string[] {
  const keys = new Set([...keysOf(before), ...keysOf(after)]);
  return [...keys]
    .filter((key) => !ignored.includes(key) && !jsonEqual(getOwn(before, key), getOwn(after, key)))
    .sort();
}

function keysOf(value: unknown): string[] {
  return isJsonObject(value) ? Object.keys(value) : [];
}

function fieldChanged(segments: readonly string[]): SemanticChange {
  return {
    type: 'field-changed',
    risk: 'low',
    summary: `Field ${segments.join('.')} changed`,
    path: toJsonPointer(segments),
  };
}
