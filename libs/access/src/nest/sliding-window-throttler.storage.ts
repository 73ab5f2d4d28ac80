import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { SlidingWindowCounter } from '../sliding-window-counter';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The throttler's storage, in O(1) per request (the library's default keeps every hit). */
@Injectable()
export class SlidingWindowThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly counters = new Map<number, SlidingWindowCounter>();
  private readonly sweeper = setInterval(() => {
    const now = Date.now();
    for (const counter of this.counters.values()) counter.evictIdle(now);
  }, 60_000).unref();

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    let counter = this.counters.get(ttl);
    if (!counter) {
      counter = new SlidingWindowCounter(ttl);
      this.counters.set(ttl, counter);
    }
    const decision = counter.hit(`${throttlerName}\n${key}`, limit, Date.now());
    const seconds = Math.max(1, Math.ceil(decision.resetInMs / 1000));
    return {
      totalHits: decision.count,
      timeToExpire: seconds,
      isBlocked: !decision.allowed,
      timeToBlockExpire: decision.allowed ? 0 : seconds,
    };
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
