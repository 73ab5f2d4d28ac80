import { describe, expect, it } from 'vitest';
import { timestamptzToMicroTime } from './create-pool';

describe('timestamptzToMicroTime', () => {
  it.each([
    ['microseconds in UTC', '2026-03-01 10:00:00.123456+00', '2026-03-01T10:00:00.123456Z'],
    ['whole seconds in UTC', '2026-03-01 10:00:00+00', '2026-03-01T10:00:00.000000Z'],
    ['a short fraction in UTC', '2026-03-01 10:00:00.5+00', '2026-03-01T10:00:00.500000Z'],
    ['another session time zone', '2026-03-01 12:00:00.000001+02', '2026-03-01T10:00:00.000001Z'],
    ['a half-hour offset', '2026-03-01 15:30:00+05:30', '2026-03-01T10:00:00.000000Z'],
    ['infinity, left as it is', 'infinity', 'infinity'],
  ])('reads %s', (_name, text, expected) => {
    expect(timestamptzToMicroTime(text)).toBe(expected);
  });
});
