import { describe, expect, it } from 'vitest';
import { toMicroTime } from './micro-time';

describe('toMicroTime', () => {
  it.each([
    ['MicroTime as is', '2018-10-26T14:26:34.238974Z', '2018-10-26T14:26:34.238974Z'],
    ['seconds only', '2017-09-11T19:55:05Z', '2017-09-11T19:55:05.000000Z'],
    ['milliseconds', '2026-03-01T10:00:00.5Z', '2026-03-01T10:00:00.500000Z'],
    ['nanoseconds, cut', '2026-03-01T10:00:00.123456789Z', '2026-03-01T10:00:00.123456Z'],
    ['a +02:00 offset', '2026-03-01T12:00:00.000001+02:00', '2026-03-01T10:00:00.000001Z'],
    ['a -0530 offset', '2026-03-01T04:30:00-0530', '2026-03-01T10:00:00.000000Z'],
    ['across midnight', '2026-03-01T01:00:00+02:00', '2026-02-28T23:00:00.000000Z'],
    ['lower-case t and z', '2026-03-01t10:00:00z', '2026-03-01T10:00:00.000000Z'],
  ])('normalises %s', (_name, text, expected) => {
    expect(toMicroTime(text)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    '2026-03-01',
    '2026-03-01T10:00:00',
    '1700000000',
    '2026-13-01T10:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T10:61:00Z',
  ])('refuses %j', (text) => {
    expect(toMicroTime(text)).toBeUndefined();
  });
});
