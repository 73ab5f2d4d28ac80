import { describe, expect, it } from 'vitest';
import { jsonTextMayHoldUnsafeText, sanitiseJson, sanitiseText } from './sanitise-text';

describe('sanitiseText', () => {
  it.each([
    ['clean text', 'calico ✓ 😀', 'calico ✓ 😀'],
    ['U+0000', 'a\u0000b', 'a\uFFFDb'],
    ['a lone high surrogate', 'x\ud800', 'x\uFFFD'],
    ['a lone low surrogate', '\udc00y', '\uFFFDy'],
    ['reversed pair', '\ude00\ud83d', '\uFFFD\uFFFD'],
    ['a valid pair next to a lone one', '\ud83d\ude00\ud83d', '\ud83d\ude00\uFFFD'],
  ])('%s', (_name, text, expected) => {
    expect(sanitiseText(text)).toBe(expected);
  });
});

describe('sanitiseJson', () => {
  it('replaces in keys and values at any depth and says so', () => {
    const value = { a: [{ 'k\u0000': 'v\ud800' }], b: 1, c: null, d: 'ok' };
    expect(sanitiseJson(value)).toEqual({
      value: { a: [{ 'k\uFFFD': 'v\uFFFD' }], b: 1, c: null, d: 'ok' },
      changed: true,
    });
  });

  it('returns the very same value when nothing needs replacing', () => {
    const value = { a: [{ k: 'v' }], b: true };
    const sanitised = sanitiseJson(value);
    expect(sanitised.changed).toBe(false);
    expect(sanitised.value).toBe(value);
  });

  it('keeps a "__proto__" key as data', () => {
    const value = JSON.parse('{"__proto__":{"polluted":"\\u0000"}}');
    const sanitised = sanitiseJson(value).value as Record<string, unknown>;
    expect(Object.getPrototypeOf(sanitised)).toBe(Object.prototype);
    expect(Object.hasOwn(sanitised, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('jsonTextMayHoldUnsafeText', () => {
  it.each([
    ['plain JSON', '{"a":"b"}', false],
    ['Kubernetes HTML escapes', '{"a":"\\u003cb\\u003e \\u0026"}', false],
    ['an escaped valid surrogate pair', '{"a":"\\ud83d\\ude00"}', true],
    ['an escaped U+0000', '{"a":"\\u0000"}', true],
    ['an escaped lone surrogate, upper case', '{"a":"\\uDBFF"}', true],
    ['a doubly escaped U+0000 in an envelope string', '{"log":"{\\"a\\":\\"\\\\u0000\\"}"}', true],
    ['a literal U+0000', '{"a":"\u0000"}', true],
    ['a literal lone surrogate', '{"a":"\ud800"}', true],
  ])('%s → %s', (_name, text, expected) => {
    expect(jsonTextMayHoldUnsafeText(text)).toBe(expected);
  });
});
