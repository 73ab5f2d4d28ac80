import type { JsonPatchOperation } from './apply-json-patch';
import { encodePointerSegment } from './json-pointer';
import { cloneJson, isJsonObject, type JsonValue, jsonEqual } from './json-value';

/**
 * An RFC 6902 patch that turns `before` into `after`: objects member by member; arrays keep
 * their common head and tail and patch the middle element-wise (so one insertion is one `add`).
 */
export function jsonPatch(before: JsonValue, after: JsonValue): JsonPatchOperation[] {
  const operations: JsonPatchOperation[] = [];
  diffValue(before, after, '', operations);
  return operations;
}

function diffValue(
  before: JsonValue,
  after: JsonValue,
  path: string,
  out: JsonPatchOperation[],
): void {
  if (jsonEqual(before, after)) return;
  if (Array.isArray(before) && Array.isArray(after)) diffArray(before, after, path, out);
  else if (isJsonObject(before) && isJsonObject(after)) diffObject(before, after, path, out);
  else out.push({ op: 'replace', path, value: cloneJson(after) });
}

function diffObject(
  before: Record<string, JsonValue>,
  after: Record<string, JsonValue>,
  path: string,
  out: JsonPatchOperation[],
): void {
  for (const key of Object.keys(before)) {
    const child = `${path}/${encodePointerSegment(key)}`;
    if (!Object.hasOwn(after, key)) out.push({ op: 'remove', path: child });
    else diffValue(before[key] as JsonValue, after[key] as JsonValue, child, out);
  }
  for (const key of Object.keys(after)) {
    if (Object.hasOwn(before, key)) continue;
    const child = `${path}/${encodePointerSegment(key)}`;
    out.push({ op: 'add', path: child, value: cloneJson(after[key] as JsonValue) });
  }
}

function diffArray(
  before: JsonValue[],
  after: JsonValue[],
  path: string,
  out: JsonPatchOperation[],
): void {
  const shortest = Math.min(before.length, after.length);
  let head = 0;
  while (head < shortest && jsonEqual(before[head], after[head])) head += 1;
  let tail = 0;
  while (
    tail < shortest - head &&
    jsonEqual(before[before.length - 1 - tail], after[after.length - 1 - tail])
  ) {
    tail += 1;
  }
  const beforeMiddle = before.length - head - tail;
  const afterMiddle = after.length - head - tail;
  const paired = Math.min(beforeMiddle, afterMiddle);
  for (let i = 0; i < paired; i += 1) {
    diffValue(
      before[head + i] as JsonValue,
      after[head + i] as JsonValue,
      `${path}/${head + i}`,
      out,
    );
  }
  for (let i = paired; i < afterMiddle; i += 1) {
    out.push({
      op: 'add',
      path: `${path}/${head + i}`,
      value: cloneJson(after[head + i] as JsonValue),
    });
  }
  for (let i = paired; i < beforeMiddle; i += 1) {
    out.push({ op: 'remove', path: `${path}/${head + paired}` });
  }
}
