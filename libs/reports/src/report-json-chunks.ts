import { canonicalJson, entriesOf } from './canonical-json';
import { REPORT_JSON_SCHEMA_VERSION } from './report-json-schema';
import type { ReportModel, Rows } from './report-model';

/** Structure this deep is written piece by piece; below it each value is one chunk. */
const WALK_DEPTH = 3;

/**
 * The model as one JSON document, in chunks: schemaVersion, meta, then the report's section,
 * keys sorted below the top level. A Rows table becomes an array written row by row as its
 * cursor yields them, so the period's changes are never all in memory.
 */
export async function* reportJsonChunks(model: ReportModel): AsyncGenerator<string> {
  yield `{"schemaVersion":${JSON.stringify(REPORT_JSON_SCHEMA_VERSION)},"meta":${canonicalJson(model.meta)}`;
  if ('compliance' in model) {
    yield ',"compliance":';
    yield* writeValue(model.compliance, 1);
  } else {
    yield ',"threatModel":';
    yield* writeValue(model.threatModel, 1);
  }
  yield '}';
}

async function* writeValue(value: unknown, depth: number): AsyncGenerator<string> {
  if (isRows(value)) {
    yield* writeRows(value);
  } else if (Array.isArray(value) && (depth < WALK_DEPTH || containsRows(value))) {
    yield '[';
    for (const [index, item] of value.entries()) {
      if (index > 0) yield ',';
      yield* writeValue(item === undefined || typeof item === 'function' ? null : item, depth + 1);
    }
    yield ']';
  } else if (isPlainObject(value) && (depth < WALK_DEPTH || containsRows(value))) {
    yield '{';
    for (const [index, [key, item]] of entriesOf(value).entries()) {
      yield `${index > 0 ? ',' : ''}${JSON.stringify(key)}:`;
      yield* writeValue(item, depth + 1);
    }
    yield '}';
  } else {
    yield canonicalJson(value);
  }
}

async function* writeRows(rows: Rows<unknown>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const row of rows.open()) {
    yield `${first ? '' : ','}${canonicalJson(row)}`;
    first = false;
  }
  yield ']';
}

function isRows(value: unknown): value is Rows<unknown> {
  return (
    isPlainObject(value) && typeof value.open === 'function' && typeof value.count === 'number'
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

function containsRows(value: unknown): boolean {
  if (isRows(value)) return true;
  if (Array.isArray(value)) return value.some(containsRows);
  return isPlainObject(value) && Object.values(value).some(containsRows);
}
