import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it.each([
    [
      'sorts object keys by UTF-16 code units',
      { b: 1, a: 2, A: 3, é: 4 },
      '{"A":3,"a":2,"b":1,"é":4}',
    ],
    [
      'sorts nested objects and keeps array order',
      { z: [{ y: 1, x: 2 }, 3], a: null },
      '{"a":null,"z":[{"x":2,"y":1},3]}',
    ],
    [
      'writes numbers as ECMAScript does',
      { n: [1.0, 0.1, 1e21, -0, 100] },
      '{"n":[1,0.1,1e+21,0,100]}',
    ],
    [
      'escapes strings as JSON.stringify does',
      { s: 'line\n"quoted"\u2028' },
      '{"s":"line\\n\\"quoted\\"\u2028"}',
    ],
    ['drops undefined members', { a: undefined, b: true }, '{"b":true}'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(
      canonicalJson({ b: { d: 3, c: 2 }, a: 1 }),
    );
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/not representable/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/not JSON/);
  });

  it.each([
    ['an empty object', {}, '{}'],
    ['an object whose members are all undefined', { a: undefined }, '{}'],
    [
      'index-like keys in code unit order, not numeric order',
      { 10: 1, 2: 2, a: 3 },
      '{"10":1,"2":2,"a":3}',
    ],
    ['a lone surrogate escaped', { s: '\ud800' }, '{"s":"\\ud800"}'],
    ['a paired surrogate kept', { s: '😀' }, '{"s":"😀"}'],
    ['control characters escaped', { '\u0001k': '\t' }, '{"\\u0001k":"\\t"}'],
    ['undefined array items as null', [undefined, 1], '[null,1]'],
  ])('writes %s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('keeps a __proto__ member as data', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":1}'))).toBe(
      '{"__proto__":{"x":1},"a":1}',
    );
  });

  it('agrees with a plain sort-and-join reference on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});

/** The obvious, slow RFC 8785 writer the fast one must always agree with. */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  return `{${Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonicalJson(v)}`)
    .join(',')}}`;
}
