import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './apply-json-patch';

describe('applyJsonPatch: RFC 6902 Appendix A', () => {
  it.each([
    [
      'A.1 adding an object member',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz', value: 'qux' }],
      { baz: 'qux', foo: 'bar' },
    ],
    [
      'A.2 adding an array element',
      { foo: ['bar', 'baz'] },
      [{ op: 'add', path: '/foo/1', value: 'qux' }],
      { foo: ['bar', 'qux', 'baz'] },
    ],
    [
      'A.3 removing an object member',
      { baz: 'qux', foo: 'bar' },
      [{ op: 'remove', path: '/baz' }],
      { foo: 'bar' },
    ],
    [
      'A.4 removing an array element',
      { foo: ['bar', 'qux', 'baz'] },
      [{ op: 'remove', path: '/foo/1' }],
      { foo: ['bar', 'baz'] },
    ],
    [
      'A.5 replacing a value',
      { baz: 'qux', foo: 'bar' },
      [{ op: 'replace', path: '/baz', value: 'boo' }],
      { baz: 'boo', foo: 'bar' },
    ],
    [
      'A.6 moving a value',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    [
      'A.7 moving an array element',
      { foo: ['all', 'grass', 'cows', 'eat'] },
      [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
      { foo: ['all', 'cows', 'eat', 'grass'] },
    ],
    [
      'A.8 testing a value: success',
      { baz: 'qux', foo: ['a', 2, 'c'] },
      [
        { op: 'test', path: '/baz', value: 'qux' },
        { op: 'test', path: '/foo/1', value: 2 },
      ],
      { baz: 'qux', foo: ['a', 2, 'c'] },
    ],
    [
      'A.10 adding a nested member object',
      { foo: 'bar' },
      [{ op: 'add', path: '/child', value: { grandchild: {} } }],
      { foo: 'bar', child: { grandchild: {} } },
    ],
    [
      'A.11 ignoring unrecognized elements',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }],
      { foo: 'bar', baz: 'qux' },
    ],
    [
      'A.14 ~ escape ordering',
      { '/': 9, '~1': 10 },
      [{ op: 'test', path: '/~01', value: 10 }],
      { '/': 9, '~1': 10 },
    ],
    [
      'A.16 adding an array value',
      { foo: ['bar'] },
      [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
      { foo: ['bar', ['abc', 'def']] },
    ],
  ])('%s', (_name, document, patch, expected) => {
    expect(applyJsonPatch(document, patch)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['A.9 testing a value: error', { baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }]],
    [
      'A.12 adding to a nonexistent target',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz/bat', value: 'qux' }],
    ],
    // A.13's duplicate "op" parses to its last value, "remove", whose target does not exist.
    [
      'A.13 invalid JSON Patch document (as parsed)',
      { foo: 'bar' },
      [{ op: 'remove', path: '/baz', value: 'qux' }],
    ],
    [
      'A.15 comparing strings and numbers',
      { '/': 9, '~1': 10 },
      [{ op: 'test', path: '/~01', value: '10' }],
    ],
  ])('%s fails', (_name, document, patch) => {
    expect(applyJsonPatch(document, patch)).toMatchObject({ ok: false, operationIndex: 0 });
  });
});

describe('applyJsonPatch: edge cases', () => {
  it.each([
    ['replaces the whole document', { a: 1 }, [{ op: 'replace', path: '', value: [1] }], [1]],
    ['adds at the root', { a: 1 }, [{ op: 'add', path: '', value: 'x' }], 'x'],
    [
      'copies a value',
      { a: { b: 1 } },
      [{ op: 'copy', from: '/a', path: '/c' }],
      { a: { b: 1 }, c: { b: 1 } },
    ],
    ['moves to the same place', { a: 1 }, [{ op: 'move', from: '/a', path: '/a' }], { a: 1 }],
    ['appends with "-"', [1], [{ op: 'add', path: '/-', value: 2 }], [1, 2]],
    ['adds at the array end index', [1], [{ op: 'add', path: '/1', value: 2 }], [1, 2]],
    [
      'treats __proto__ as a plain member',
      {},
      [{ op: 'add', path: '/__proto__', value: { x: 1 } }],
      JSON.parse('{"__proto__":{"x":1}}'),
    ],
    ['sets null values', { a: 1 }, [{ op: 'replace', path: '/a', value: null }], { a: null }],
  ])('%s', (_name, document, patch, expected) => {
    const result = applyJsonPatch(document, patch);
    expect(result.ok && JSON.stringify(result.value)).toBe(JSON.stringify(expected));
  });

  it.each([
    ['a patch that is not an array', { op: 'add', path: '/a', value: 1 }, /must be an array/],
    ['an unknown op', [{ op: 'frobnicate', path: '/a' }], /unknown op "frobnicate"/],
    ['an add without value', [{ op: 'add', path: '/a' }], /needs a "value"/],
    ['a move without from', [{ op: 'move', path: '/a' }], /needs a "from"/],
    ['a path without leading slash', [{ op: 'add', path: 'a', value: 1 }], /does not start with/],
    ['a bad ~ escape', [{ op: 'add', path: '/a~2', value: 1 }], /invalid "~" escape/],
    ['a leading-zero index', [{ op: 'add', path: '/01', value: 1 }], /out of bounds/],
    ['an index past the end', [{ op: 'add', path: '/5', value: 1 }], /out of bounds/],
    ['removing "-"', [{ op: 'remove', path: '/-' }], /does not exist/],
    ['removing a missing member', [{ op: 'remove', path: '/nope' }], /does not exist/],
    ['replacing a missing member', [{ op: 'replace', path: '/nope', value: 1 }], /does not exist/],
    ['moving into its own child', [{ op: 'move', from: '/0', path: '/0/x' }], /own child/],
    ['removing the whole document', [{ op: 'remove', path: '' }], /whole document/],
    ['an operation that is not an object', [42], /must be an object/],
  ])('returns a failure for %s', (_name, patch, reason) => {
    const result = applyJsonPatch([{ a: 1 }], patch);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('leaves the input document untouched, even when a later operation fails', () => {
    const document = { a: [1, 2], b: { c: 3 } };
    const snapshot = JSON.stringify(document);
    applyJsonPatch(document, [
      { op: 'remove', path: '/a/0' },
      { op: 'add', path: '/b/d', value: 4 },
      { op: 'test', path: '/b/c', value: 99 },
    ]);
    expect(JSON.stringify(document)).toBe(snapshot);
  });

  it('names the failing operation and the path in the reason', () => {
    const result = applyJsonPatch({ a: {} }, [
      { op: 'add', path: '/b', value: 1 },
      { op: 'add', path: '/a/x/y', value: 1 },
    ]);
    expect(result).toEqual({
      ok: false,
      operationIndex: 1,
      reason: 'operation 1: path "/a/x/y": "/a/x" does not exist',
    });
  });
});

describe('applyJsonPatch on pathological input', () => {
  it('returns a failure for a document nested deeper than a recursive walk can follow', () => {
    const document = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    const result = applyJsonPatch(document, [{ op: 'add', path: '/x', value: 1 }]);
    expect(result.ok ? '' : result.reason).toMatch(/nested too deeply/);
  });
});
