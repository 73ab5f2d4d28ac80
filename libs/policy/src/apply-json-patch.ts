import { parseJsonPointer } from './json-pointer';
import { cloneJson, getOwn, isJsonObject, type JsonValue, jsonEqual, setOwn } from './json-value';

export type JsonPatchOperation =
  | { op: 'add'; path: string; value: JsonValue }
  | { op: 'remove'; path: string }
  | { op: 'replace'; path: string; value: JsonValue }
  | { op: 'move'; from: string; path: string }
  | { op: 'copy'; from: string; path: string }
  | { op: 'test'; path: string; value: JsonValue };

export type JsonPatchResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: string; operationIndex?: number };

type Step<T> = { ok: true; value: T } | { ok: false; reason: string };

interface Location {
  parent: unknown[] | Record<string, unknown>;
  key: string;
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * RFC 6902 JSON Patch. The input document is never mutated and nothing is thrown:
 * a malformed patch or a failed operation comes back as `{ ok: false, reason }`.
 */
export function applyJsonPatch(document: unknown, patch: unknown): JsonPatchResult {
  if (!Array.isArray(patch)) return { ok: false, reason: 'a JSON Patch must be an array' };
  try {
    return applyOperations(document, patch);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, reason: `the document is nested too deeply to patch (${error.message})` };
  }
}

function applyOperations(document: unknown, patch: readonly unknown[]): JsonPatchResult {
  let working: unknown = cloneJson(document);
  for (const [index, candidate] of patch.entries()) {
    const operation = readOperation(candidate);
    const applied = operation.ok ? applyOperation(working, operation.value) : operation;
    if (!applied.ok) {
      return { ok: false, reason: `operation ${index}: ${applied.reason}`, operationIndex: index };
    }
    working = applied.value;
  }
  return { ok: true, value: working };
}

function readOperation(candidate: unknown): Step<JsonPatchOperation> {
  if (!isJsonObject(candidate)) return { ok: false, reason: 'an operation must be an object' };
  const op = getOwn(candidate, 'op');
  const path = getOwn(candidate, 'path');
  if (typeof path !== 'string')
    return { ok: false, reason: `"${String(op)}" has no string "path"` };
  const hasValue = Object.hasOwn(candidate, 'value');
  const value = getOwn(candidate, 'value') as JsonValue;
  const from = getOwn(candidate, 'from');
  switch (op) {
    case 'add':
    case 'replace':
    case 'test':
      return hasValue ? { ok: true, value: { op, path, value } } : missing(op, 'value');
    case 'remove':
      return { ok: true, value: { op, path } };
    case 'move':
    case 'copy':
      return typeof from === 'string'
        ? { ok: true, value: { op, from, path } }
        : missing(op, 'from');
    default:
      return { ok: false, reason: `unknown op ${JSON.stringify(op) ?? 'undefined'}` };
  }
}

function missing(op: string, member: string): Step<never> {
  return { ok: false, reason: `"${op}" needs a "${member}" member` };
}

function applyOperation(document: unknown, operation: JsonPatchOperation): Step<unknown> {
  switch (operation.op) {
    case 'add':
      return addValue(document, operation.path, cloneJson(operation.value));
    case 'remove':
      return removeValue(document, operation.path);
    case 'replace':
      return replaceValue(document, operation.path, cloneJson(operation.value));
    case 'move':
      return moveValue(document, operation.from, operation.path);
    case 'copy': {
      const source = valueAt(document, operation.from);
      return source.ok ? addValue(document, operation.path, cloneJson(source.value)) : source;
    }
    case 'test': {
      const actual = valueAt(document, operation.path);
      if (!actual.ok) return actual;
      return jsonEqual(actual.value, operation.value)
        ? { ok: true, value: document }
        : { ok: false, reason: `test failed at "${operation.path}"` };
    }
    default: {
      const unhandled: never = operation;
      return { ok: false, reason: `unknown operation ${JSON.stringify(unhandled)}` };
    }
  }
}

function locate(document: unknown, path: string): Step<Location | 'root'> {
  const pointer = parseJsonPointer(path);
  if (!pointer.ok) return pointer;
  const segments = pointer.segments;
  const key = segments.pop();
  if (key === undefined) return { ok: true, value: 'root' };
  let parent: unknown = document;
  for (const [depth, segment] of segments.entries()) {
    const child = childOf(parent, segment);
    if (!child.ok) {
      const prefix = segments.slice(0, depth + 1).join('/');
      return { ok: false, reason: `path "${path}": "/${prefix}" does not exist` };
    }
    parent = child.value;
  }
  if (!Array.isArray(parent) && !isJsonObject(parent)) {
    return { ok: false, reason: `path "${path}": its parent is not an object or array` };
  }
  return { ok: true, value: { parent, key } };
}

function childOf(parent: unknown, segment: string): Step<unknown> {
  if (Array.isArray(parent)) {
    if (!ARRAY_INDEX.test(segment) || Number(segment) >= parent.length) {
      return { ok: false, reason: 'no such index' };
    }
    return { ok: true, value: parent[Number(segment)] };
  }
  if (isJsonObject(parent) && Object.hasOwn(parent, segment)) {
    return { ok: true, value: parent[segment] };
  }
  return { ok: false, reason: 'no such member' };
}

function valueAt(document: unknown, path: string): Step<unknown> {
  const location = locate(document, path);
  if (!location.ok) return location;
  if (location.value === 'root') return { ok: true, value: document };
  const child = childOf(location.value.parent, location.value.key);
  return child.ok ? child : { ok: false, reason: `path "${path}" does not exist` };
}

function addValue(document: unknown, path: string, value: unknown): Step<unknown> {
  const location = locate(document, path);
  if (!location.ok) return location;
  if (location.value === 'root') return { ok: true, value };
  const { parent, key } = location.value;
  if (!Array.isArray(parent)) {
    setOwn(parent, key, value);
    return { ok: true, value: document };
  }
  if (key === '-') {
    parent.push(value);
    return { ok: true, value: document };
  }
  if (!ARRAY_INDEX.test(key) || Number(key) > parent.length) {
    return { ok: false, reason: `path "${path}": index out of bounds (length ${parent.length})` };
  }
  parent.splice(Number(key), 0, value);
  return { ok: true, value: document };
}

function removeValue(document: unknown, path: string): Step<unknown> {
  const existing = valueAt(document, path);
  if (!existing.ok) return existing;
  const location = locate(document, path);
  if (!location.ok) return location;
  if (location.value === 'root') {
    return { ok: false, reason: 'removing the whole document leaves no JSON value' };
  }
  const { parent, key } = location.value;
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return { ok: true, value: document };
}

function replaceValue(document: unknown, path: string, value: unknown): Step<unknown> {
  const existing = valueAt(document, path);
  if (!existing.ok) return existing;
  const location = locate(document, path);
  if (!location.ok) return location;
  if (location.value === 'root') return { ok: true, value };
  const { parent, key } = location.value;
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else setOwn(parent, key, value);
  return { ok: true, value: document };
}

function moveValue(document: unknown, from: string, path: string): Step<unknown> {
  if (from === path) {
    const source = valueAt(document, from);
    return source.ok ? { ok: true, value: document } : source;
  }
  if (path.startsWith(`${from}/`)) {
    return { ok: false, reason: `cannot move "${from}" into its own child "${path}"` };
  }
  const source = valueAt(document, from);
  if (!source.ok) return source;
  const removed = removeValue(document, from);
  return removed.ok ? addValue(removed.value, path, source.value) : removed;
}
