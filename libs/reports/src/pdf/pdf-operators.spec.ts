import { describe, expect, it } from 'vitest';
import { formatPdfNumber, formatRgb } from './pdf-operators';

describe('formatPdfNumber', () => {
  it.each([
    [0, '0'],
    [-0.001, '0'],
    [12, '12'],
    [841.89, '841.89'],
    [1234.5, '1234.5'],
    [0.05, '0.05'],
    [-0.05, '-0.05'],
    [-12.346, '-12.35'],
    [3.004, '3'],
  ])('writes %d as %s', (value, text) => {
    expect(formatPdfNumber(value)).toBe(text);
  });
});

describe('formatRgb', () => {
  it('turns a hex colour into rg operands', () => {
    expect(formatRgb('#1f2933')).toBe('0.122 0.161 0.2');
    expect(formatRgb('#ffffff')).toBe('1 1 1');
  });
});
