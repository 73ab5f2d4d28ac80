import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TextMeasurer, wrapText } from './wrap-text';

/** Every UTF-16 unit one point wide at size 1: line widths are character counts. */
const monospace: TextMeasurer = {
  widthOf: (text, size, start = 0, end = text.length) => (end - start) * size,
};

const wrap = (text: string, width: number) => wrapText(text, width, monospace, 1);

describe('wrapText', () => {
  it.each([
    ['fits on one line', 'allow dns', 12, ['allow dns']],
    [
      'breaks at spaces',
      'allow dns egress to kube-dns',
      12,
      ['allow dns', 'egress to', 'kube-dns'],
    ],
    ['keeps explicit line breaks', 'one\ntwo', 12, ['one', 'two']],
    [
      'breaks a Kubernetes name after its punctuation',
      'system:controller:clusterrole-aggregation-controller',
      24,
      ['system:controller:', 'clusterrole-aggregation-', 'controller'],
    ],
    [
      'breaks a token without punctuation by character',
      'abcdefghijklmnopqrstuvwxyz',
      10,
      ['abcdefghij', 'klmnopqrst', 'uvwxyz'],
    ],
    [
      'moves a long word to its own line before breaking it',
      'to sha256x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b',
      20,
      ['to', 'sha256x9f86d081884c7', 'd659a2feaa0c55ad015a', '3bf4f1b'],
    ],
    ['composes decomposed accents', 'e\u0301quipe', 20, ['équipe']],
    ['turns tabs into spaces', 'a\tb', 10, ['a b']],
    ['keeps an empty text as one empty line', '', 10, ['']],
  ] as const)('%s', (_case, text, width, lines) => {
    expect(wrap(text, width)).toEqual(lines);
  });

  it('loses no character and never exceeds the width', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'b', '-', ':', '.', ' ', 'é', '/'),
          maxLength: 300,
        }),
        fc.integer({ min: 1, max: 40 }),
        (text, width) => {
          const lines = wrap(text, width);
          for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
          expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
        },
      ),
    );
  });
});
