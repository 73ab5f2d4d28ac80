import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './apply-json-patch';
import { jsonPatch } from './json-patch';
import { canonicalText, type JsonValue } from './json-value';

describe('jsonPatch', () => {
  it.each([
    ['equal values give no operations', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, []],
    [
      'a changed member is one replace',
      { a: 1, b: 2 },
      { a: 1, b: 3 },
      [{ op: 'replace', path: '/b', value: 3 }],
    ],
    [
      'an inserted head element is one add',
      [2, 3],
      [1, 2, 3],
      [{ op: 'add', path: '/0', value: 1 }],
    ],
    ['a dropped middle element is one remove', [1, 2, 3], [1, 3], [{ op: 'remove', path: '/1' }]],
    [
      'keys are pointer-escaped',
      { 'a/b': 1 },
      { 'a/b': 1, 'c~d': 2 },
      [{ op: 'add', path: '/c~0d', value: 2 }],
    ],
    [
      'a changed type replaces the whole value',
      { a: [1] },
      { a: { 0: 1 } },
      [{ op: 'replace', path: '/a', value: { 0: 1 } }],
    ],
    ['a changed root scalar replaces the root', 1, 'x', [{ op: 'replace', path: '', value: 'x' }]],
  ])('%s', (_name, before, after, expected) => {
    expect(jsonPatch(before as JsonValue, after as JsonValue)).toEqual(expected);
  });

  it('round-trips: applying jsonPatch(before, after) to before yields after', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (before, after) => {
        const result = applyJsonPatch(before, jsonPatch(before as JsonValue, after as JsonValue));
        return result.ok && canonicalText(result.value) === canonicalText(after);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips for related objects (one mutated from the other)', () => {
    const related = fc.array(fc.jsonValue(), { minLength: 1, maxLength: 6 }).chain((items) =>
      fc.tuple(
        fc.constant(items),
        fc.shuffledSubarray(items).map((kept) => [...kept, ...items.slice(0, 1)]),
      ),
    );
    fc.assert(
      fc.property(related, ([before, after]) => {
        const result = applyJsonPatch(before, jsonPatch(before as JsonValue, after as JsonValue));
        return result.ok && canonicalText(result.value) === canonicalText(after);
      }),
      { numRuns: 300 },
    );
  });
});
