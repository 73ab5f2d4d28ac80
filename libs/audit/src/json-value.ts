export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An own member of a parsed JSON object; null counts as absent, as Go's omitempty would have it. */
export function memberOf(record: JsonObject, key: string): unknown {
  return Object.hasOwn(record, key) ? (record[key] ?? undefined) : undefined;
}

/** A member nested in objects, following a path of keys; undefined as soon as one is absent. */
export function memberAtPath(record: JsonObject, path: readonly string[]): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (!isJsonObject(value)) return undefined;
    value = memberOf(value, key);
  }
  return value;
}

/** The JSON type of a value, for error messages: "null", "array", "object", "string"... */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const QUOTED_LENGTH = 60;

/** A value quoted for an error message, cut short so one bad field cannot flood a log line. */
export function quote(text: string): string {
  return JSON.stringify(text.length > QUOTED_LENGTH ? `${text.slice(0, QUOTED_LENGTH)}…` : text);
}
