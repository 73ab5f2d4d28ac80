/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation: object keys sorted by UTF-16 code units,
 * no whitespace, numbers and strings as ECMAScript's JSON.stringify writes them. Two equal JSON
 * values always give the same bytes, whatever key order PostgreSQL's jsonb handed back.
 *
 * Every appended event is hashed through this and `verify` rehashes the whole chain, so it is
 * written for speed: one string built in place, keys sorted only when they are not already, and
 * strings with nothing to escape quoted without a call into JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: ${value} is not representable in JSON`);
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? arrayJson(value) : objectJson(value as Record<string, unknown>);
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}

function arrayJson(items: readonly unknown[]): string {
  if (items.length === 0) return '[]';
  let text = `[${canonicalJson(items[0] ?? null)}`;
  for (let i = 1; i < items.length; i++) text += `,${canonicalJson(items[i] ?? null)}`;
  return `${text}]`;
}

function objectJson(members: Record<string, unknown>): string {
  const keys = Object.keys(members);
  for (let i = 1; i < keys.length; i++)
    if (keys[i - 1]! > keys[i]!) {
      // Default sort order is UTF-16 code unit order, the order RFC 8785 asks for.
      keys.sort();
      break;
    }
  let text = '';
  for (const key of keys) {
    const member = members[key];
    if (member === undefined) continue;
    text += `${text === '' ? '{' : ','}${quoted(key)}:${canonicalJson(member)}`;
  }
  return text === '' ? '{}' : `${text}}`;
}

/** What JSON.stringify would escape (and, harmlessly, line separators and paired surrogates). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes
const NEEDS_ESCAPING = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

function quoted(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}
