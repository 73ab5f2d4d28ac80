const REPLACEMENT_CHARACTER = '\uFFFD';

// ES2024 String methods, present since Node 20; the project compiles against the es2023 lib.
interface WellFormedText {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

function wellFormedText(text: string): WellFormedText {
  return text as unknown as WellFormedText;
}

/** True when the text holds U+0000 or a lone surrogate: PostgreSQL refuses both (jsonb and text). */
export function holdsUnsafeText(text: string): boolean {
  return text.includes('\u0000') || !wellFormedText(text).isWellFormed();
}

/** Replaces U+0000 and lone surrogates by U+FFFD; returns the same string when there are none. */
export function sanitiseText(text: string): string {
  if (!holdsUnsafeText(text)) return text;
  return wellFormedText(text).toWellFormed().replaceAll('\u0000', REPLACEMENT_CHARACTER);
}

/**
 * A cheap scan of JSON text: false guarantees that nothing parsed from it holds unsafe text, so
 * the per-string walk can be skipped. Escapes (`\u0000`, `\ud800`) count, at any nesting depth
 * of escaped JSON strings, since each level only doubles the backslash before the `u`.
 */
export function jsonTextMayHoldUnsafeText(text: string): boolean {
  return holdsUnsafeText(text) || holdsUnsafeEscape(text);
}

function holdsUnsafeEscape(text: string): boolean {
  for (let at = text.indexOf('\\u'); at !== -1; at = text.indexOf('\\u', at + 2)) {
    if (isUnsafeEscapeDigits(text.slice(at + 2, at + 6))) return true;
  }
  return false;
}

function isUnsafeEscapeDigits(digits: string): boolean {
  return digits === '0000' || /^[dD][89a-fA-F]/.test(digits);
}

export interface SanitisedJson {
  value: unknown;
  changed: boolean;
}

/** Sanitises every string of a parsed JSON value, object keys included; unchanged parts are shared. */
export function sanitiseJson(value: unknown): SanitisedJson {
  const sanitised = sanitiseValue(value);
  return { value: sanitised, changed: sanitised !== value };
}

function sanitiseValue(value: unknown): unknown {
  if (typeof value === 'string') return sanitiseText(value);
  if (Array.isArray(value)) return sanitiseArray(value);
  if (value !== null && typeof value === 'object') {
    return sanitiseObject(value as Record<string, unknown>);
  }
  return value;
}

function sanitiseArray(items: unknown[]): unknown[] {
  const sanitised = items.map(sanitiseValue);
  return sanitised.some((item, index) => item !== items[index]) ? sanitised : items;
}

function sanitiseObject(record: Record<string, unknown>): Record<string, unknown> {
  const entries = Object.entries(record);
  const sanitised = entries.map(([key, member]) => [sanitiseText(key), sanitiseValue(member)]);
  const changed = sanitised.some(
    ([key, member], index) => key !== entries[index]?.[0] || member !== entries[index]?.[1],
  );
  // fromEntries defines own properties, so a "__proto__" key stays data, not a prototype.
  return changed ? Object.fromEntries(sanitised) : record;
}
