export type CsvValue = string | number | boolean | null | undefined | readonly (string | number)[];

export interface CsvOptions {
  /**
   * Prefix cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) with an
   * apostrophe. Off by default: the cells then are no longer the ledger's exact values.
   */
  guardFormulas?: boolean;
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 record, CRLF-terminated. Arrays are joined with ";", as Calico Enterprise does. */
export function csvLine(values: readonly CsvValue[], options: CsvOptions = {}): string {
  return `${values.map((value) => csvField(value, options)).join(',')}\r\n`;
}

export function csvField(value: CsvValue, options: CsvOptions = {}): string {
  const text = cellText(value);
  const guarded =
    options.guardFormulas === true && typeof value !== 'number' && FORMULA_START.test(text)
      ? `'${text}`
      : text;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

function cellText(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  return value.map(String).join(';');
}
