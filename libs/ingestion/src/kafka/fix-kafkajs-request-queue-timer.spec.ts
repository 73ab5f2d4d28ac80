import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { fixKafkajsRequestQueueTimer } from './fix-kafkajs-request-queue-timer';

interface Queue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
  destroy(): void;
}

const RequestQueue = createRequire(__filename)('kafkajs/src/network/requestQueue') as new (
  options: Record<string, unknown>,
) => Queue;

const queues: Queue[] = [];
afterEach(() => {
  for (const queue of queues.splice(0)) queue.destroy();
});

/** kafkajs's own RequestQueue, as a broker connection holds one. */
function requestQueue(): Queue {
  const logger = { debug: () => undefined, warn: () => undefined, error: () => undefined };
  const queue = new RequestQueue({
    instrumentationEmitter: null,
    maxInFlightRequests: null,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'fix-spec',
    broker: 'localhost:9092',
    logger,
  });
  queues.push(queue);
  return queue;
}

/** The delay of the check a queue has scheduled, if any. */
function scheduledDelay(queue: Queue): number | undefined {
  return (queue.throttleCheckTimeoutId as unknown as { _idleTimeout?: number } | null)
    ?._idleTimeout;
}

describe('fixKafkajsRequestQueueTimer (kafkajs 2.2.4)', () => {
  it('applies to the kafkajs this project installs', () => {
    expect(fixKafkajsRequestQueueTimer()).toBe(true);
  });

  it('schedules no check while nothing is pending and no throttle runs', () => {
    fixKafkajsRequestQueueTimer();
    const queue = requestQueue();
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('checks pending requests after kafkajs’s interval, or when a throttle ends', () => {
    fixKafkajsRequestQueueTimer();
    const pending = requestQueue();
    pending.pending.push({});
    pending.scheduleCheckPendingRequests();
    expect(scheduledDelay(pending)).toBe(10);

    const throttled = requestQueue();
    throttled.throttledUntil = Date.now() + 5_000;
    throttled.scheduleCheckPendingRequests();
    expect(scheduledDelay(throttled)).toBeGreaterThan(4_000);
    expect(scheduledDelay(throttled)).toBeLessThanOrEqual(5_000);
  });
});
