/**
 * JSON with object keys sorted by UTF-16 code unit, so one model always gives the same bytes.
 * Like JSON.stringify, undefined and functions are dropped from objects and become null in
 * arrays, and non-finite numbers become null. Deliberately lenient, unlike the ledger's
 * canonicalJson, which must refuse what it could not hash faithfully.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'function') return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'object':
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      if (value instanceof Date) return JSON.stringify(value);
      return `{${entriesOf(value)
        .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`)
        .join(',')}}`;
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}

/** Own enumerable entries worth writing, keys sorted by code unit. */
export function entriesOf(value: object): Array<[string, unknown]> {
  return Object.entries(value)
    .filter(([, item]) => item !== undefined && typeof item !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
