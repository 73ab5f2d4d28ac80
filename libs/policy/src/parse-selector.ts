export type SelectorNode =
  | { type: 'all' }
  | { type: 'global' }
  | { type: 'has'; key: string }
  | { type: 'compare'; key: string; operator: CompareOperator; value: string }
  | { type: 'in'; key: string; values: string[]; negated: boolean }
  | { type: 'not'; operand: SelectorNode }
  | { type: 'and' | 'or'; left: SelectorNode; right: SelectorNode };

export type CompareOperator = '==' | '!=' | 'contains' | 'starts with' | 'ends with';

export type ParsedSelector =
  | { ok: true; ast: SelectorNode }
  | { ok: false; reason: string; position: number };

class SelectorSyntaxError {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {}
}

const KEY = /^[A-Za-z0-9_./-]+/;

/**
 * A small parser for the Calico selector language: all(), global(), has(k), k == 'v', k != 'v',
 * k in {...}, k not in {...}, contains / starts with / ends with, !, &&, || and parentheses.
 * An empty selector is all(). Anything else is reported as unparsable, with the position.
 */
export function parseSelector(text: string): ParsedSelector {
  if (text.trim() === '') return { ok: true, ast: { type: 'all' } };
  const cursor = new Cursor(text);
  try {
    const ast = parseOr(cursor);
    cursor.skipSpace();
    if (!cursor.atEnd()) cursor.fail(`unexpected "${cursor.rest().slice(0, 10)}"`);
    return { ok: true, ast };
  } catch (error) {
    if (error instanceof SelectorSyntaxError) {
      return { ok: false, reason: error.reason, position: error.position };
    }
    if (error instanceof RangeError) {
      return { ok: false, reason: 'nested too deeply', position: cursor.position };
    }
    throw error;
  }
}

class Cursor {
  position = 0;
  constructor(readonly text: string) {}

  rest(): string {
    return this.text.slice(this.position);
  }

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  skipSpace(): void {
    while (/\s/.test(this.text[this.position] ?? '')) this.position += 1;
  }

  /** Consumes a token (after whitespace) when the input continues with it. */
  accept(pattern: RegExp): string | undefined {
    this.skipSpace();
    const match = pattern.exec(this.rest());
    if (match === null) return undefined;
    this.position += match[0].length;
    return match[0];
  }

  expect(pattern: RegExp, what: string): string {
    const token = this.accept(pattern);
    if (token === undefined) this.fail(`expected ${what}`);
    return token as string;
  }

  fail(reason: string): never {
    throw new SelectorSyntaxError(`${reason} at position ${this.position}`, this.position);
  }
}

function parseOr(cursor: Cursor): SelectorNode {
  let left = parseAnd(cursor);
  while (cursor.accept(/^\|\|/) !== undefined) left = { type: 'or', left, right: parseAnd(cursor) };
  return left;
}

function parseAnd(cursor: Cursor): SelectorNode {
  let left = parseUnary(cursor);
  while (cursor.accept(/^&&/) !== undefined)
    left = { type: 'and', left, right: parseUnary(cursor) };
  return left;
}

function parseUnary(cursor: Cursor): SelectorNode {
  if (cursor.accept(/^!(?!=)/) !== undefined) return { type: 'not', operand: parseUnary(cursor) };
  return parsePrimary(cursor);
}

function parsePrimary(cursor: Cursor): SelectorNode {
  if (cursor.accept(/^\(/) !== undefined) {
    const inner = parseOr(cursor);
    cursor.expect(/^\)/, '")"');
    return inner;
  }
  if (cursor.accept(/^all\s*\(\s*\)/) !== undefined) return { type: 'all' };
  if (cursor.accept(/^global\s*\(\s*\)/) !== undefined) return { type: 'global' };
  if (cursor.accept(/^has\s*\(/) !== undefined) {
    const key = cursor.expect(KEY, 'a label key');
    cursor.expect(/^\)/, '")"');
    return { type: 'has', key };
  }
  const key = cursor.expect(KEY, 'a label key, all(), has(...) or "("');
  return parseComparison(cursor, key);
}

function parseComparison(cursor: Cursor, key: string): SelectorNode {
  const operator = cursor.accept(
    /^(==|!=|not\s+in\b|in\b|contains\b|starts\s+with\b|ends\s+with\b)/,
  );
  switch (operator?.replace(/\s+/g, ' ')) {
    case '==':
    case '!=':
    case 'contains':
    case 'starts with':
    case 'ends with':
      return {
        type: 'compare',
        key,
        operator: operator?.replace(/\s+/g, ' ') as CompareOperator,
        value: parseString(cursor),
      };
    case 'in':
    case 'not in':
      return { type: 'in', key, values: parseSet(cursor), negated: operator !== 'in' };
    default:
      return cursor.fail(`expected an operator after "${key}"`);
  }
}

function parseString(cursor: Cursor): string {
  const token = cursor.expect(/^("[^"]*"|'[^']*')/, 'a quoted string');
  return token.slice(1, -1);
}

function parseSet(cursor: Cursor): string[] {
  cursor.expect(/^\{/, '"{"');
  const values: string[] = [];
  if (cursor.accept(/^\}/) !== undefined) return values;
  do values.push(parseString(cursor));
  while (cursor.accept(/^,/) !== undefined);
  cursor.expect(/^\}/, '"}"');
  return values;
}
