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
});
