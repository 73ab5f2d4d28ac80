import { type ParsedSelector, parseSelector, selectsEverything } from '@policy-ledger/policy';

const MAX_ENTRIES = 10_000;
const parsed = new Map<string, ParsedSelector>();

/** parseSelector, remembered: rules ask about the same few selectors for every namespace. */
export function parseSelectorCached(text: string): ParsedSelector {
  const found = parsed.get(text);
  if (found !== undefined) return found;
  if (parsed.size >= MAX_ENTRIES) parsed.clear();
  const result = parseSelector(text);
  parsed.set(text, result);
  return result;
}

const everything = new Map<string, boolean>();

/** selectsEverything, remembered. */
export function selectsEverythingCached(text: string): boolean {
  const found = everything.get(text);
  if (found !== undefined) return found;
  if (everything.size >= MAX_ENTRIES) everything.clear();
  const result = selectsEverything(text);
  everything.set(text, result);
  return result;
}
