import { describe, expect, it } from 'vitest';
import { SlidingWindowCounter } from './sliding-window-counter';

describe('SlidingWindowCounter', () => {
  it('allows up to the limit in a window, then refuses', () => {
    const counter = new SlidingWindowCounter(60_000);
    const decisions = Array.from({ length: 5 }, () => counter.hit('alice', 3, 1_000));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions[3]).toMatchObject({ count: 3, resetInMs: 59_000 });
  });

  it('counts callers apart', () => {
    const counter = new SlidingWindowCounter(60_000);
    counter.hit('alice', 1, 0);
    expect(counter.hit('alice', 1, 0).allowed).toBe(false);
    expect(counter.hit('bob', 1, 0).allowed).toBe(true);
  });

  it('weights the previous window by how much of it still overlaps', () => {
    const counter = new SlidingWindowCounter(60_000);
    for (let i = 0; i < 10; i++) counter.hit('alice', 10, 59_000);
    // 15 s into the next window, 75% of the previous one still counts: 7.5 of 10.
    const allowed = [1, 2, 3, 4].map(() => counter.hit('alice', 10, 75_000).allowed);
    expect(allowed).toEqual([true, true, false, false]);
    // Two windows later nothing of it is left.
    expect(counter.hit('alice', 10, 185_000)).toMatchObject({ allowed: true, count: 1 });
  });

  it('keeps an exact count across a busy window', () => {
    const counter = new SlidingWindowCounter(60_000);
    for (let i = 0; i < 210_000; i++) counter.hit('busy', 1_000_000, 10 + (i % 100));
    expect(counter.hit('busy', 1_000_000, 500).count).toBe(210_001);
  });

  it('forgets idle callers', () => {
    const counter = new SlidingWindowCounter(60_000);
    counter.hit('gone', 1, 0);
    counter.evictIdle(120_000);
    expect(counter.hit('gone', 1, 120_000).allowed).toBe(true);
  });
});
