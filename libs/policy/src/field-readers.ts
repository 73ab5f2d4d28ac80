import { getOwn, isJsonObject, type JsonObject, setOwn } from './json-value';

/**
 * Defensive readers over untyped Kubernetes JSON. Absent (or null) fields are undefined or empty;
 * a field of the wrong type is skipped and described in `problems`, never thrown.
 */
export type Problems = string[];

export function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function readRecord(
  parent: unknown,
  key: string,
  path: string,
  problems: Problems,
): JsonObject | undefined {
  const value = getOwn(parent, key);
  if (value === undefined || value === null) return undefined;
  if (isJsonObject(value)) return value;
  problems.push(`${path}: expected an object, got ${describeValue(value)}`);
  return undefined;
}

export function readString(
  parent: unknown,
  key: string,
  path: string,
  problems: Problems,
): string | undefined {
  const value = getOwn(parent, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  problems.push(`${path}: expected a string, got ${describeValue(value)}`);
  return undefined;
}

/** Calico floats arrive as JSON numbers; a numeric string is read but reported. */
export function readNumber(
  parent: unknown,
  key: string,
  path: string,
  problems: Problems,
): number | undefined {
  const value = getOwn(parent, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    problems.push(`${path}: expected a number, got the string ${describeValue(value)}`);
    return Number(value);
  }
  problems.push(`${path}: expected a number, got ${describeValue(value)}`);
  return undefined;
}

export function readBoolean(
  parent: unknown,
  key: string,
  path: string,
  problems: Problems,
): boolean | undefined {
  const value = getOwn(parent, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') {
    problems.push(`${path}: expected a boolean, got the string ${describeValue(value)}`);
    return value === 'true';
  }
  problems.push(`${path}: expected a boolean, got ${describeValue(value)}`);
  return undefined;
}

export function readArray(
  parent: unknown,
  key: string,
  path: string,
  problems: Problems,
): unknown[] {
  const value = getOwn(parent, key);
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  problems.push(`${path}: expected an array, got ${describeValue(value)}`);
  return [];
}

export function readStringList(
  parent: unknown,
  key: string,
  path: string,
  problems: Problems,
): string[] {
  const strings: string[] = [];
  for (const [index, item] of readArray(parent, key, path, problems).entries()) {
    if (typeof item === 'string') strings.push(item);
    else problems.push(`${path}[${index}]: expected a string, got ${describeValue(item)}`);
  }
  return strings;
}

export function readStringMap(
  parent: unknown,
  key: string,
  path: string,
  problems: Problems,
): Record<string, string> {
  const map: Record<string, string> = {};
  const record = readRecord(parent, key, path, problems);
  for (const name of Object.keys(record ?? {})) {
    const value = record?.[name];
    if (typeof value === 'string') setOwn(map, name, value);
    else problems.push(`${path}.${name}: expected a string, got ${describeValue(value)}`);
  }
  return map;
}
