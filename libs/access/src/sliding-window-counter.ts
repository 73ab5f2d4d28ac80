export interface WindowDecision {
  allowed: boolean;
  /** The estimated requests in the last window, this one included when allowed. */
  count: number;
  /** Milliseconds until the current window ends. */
  resetInMs: number;
}

interface Window {
  start: number;
  current: number;
  previous: number;
}

/**
 * Rate limiting in constant time and memory per caller: a sliding window estimated from the
 * current and the previous fixed window (the previous one weighted by how much of it still
 * overlaps). Storing one timestamp per request, as a naive limiter does, makes every request
 * cost O(requests in the window).
 */
export class SlidingWindowCounter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly windowMs: number) {}

  hit(key: string, limit: number, now: number): WindowDecision {
    const window = this.roll(key, now);
    const elapsed = (now - window.start) / this.windowMs;
    const estimate = window.previous * (1 - elapsed) + window.current;
    const resetInMs = window.start + this.windowMs - now;
    if (estimate + 1 > limit) return { allowed: false, count: Math.ceil(estimate), resetInMs };
    window.current += 1;
    return { allowed: true, count: Math.ceil(estimate + 1), resetInMs };
  }

  /** Forgets callers idle for two windows, so memory tracks active callers only. */
  evictIdle(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.start >= 2 * this.windowMs) this.windows.delete(key);
  }

  private roll(key: string, now: number): Window {
    const start = now - (now % this.windowMs);
    const window = this.windows.get(key);
    if (!window) {
      const fresh = { start, current: 0, previous: 0 };
      this.windows.set(key, fresh);
      return fresh;
    }
    if (window.start === start) return window;
    window.previous = start - window.start === this.windowMs ? window.current : 0;
    window.current = 0;
    window.start = start;
    return window;
  }
}
