import { createRequire } from 'node:module';

/** The part of kafkajs 2.2.4's internal RequestQueue (src/network/requestQueue) the fix touches. */
interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's own interval for re-checking requests held back by a throttle or in-flight limit. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;
const FIXED_VERSION = '2.2.4';
let applied: boolean | undefined;

/**
 * kafkajs 2.2.4 re-arms its pending-request check after every check, even with nothing pending and
 * no throttle: a 1 ms timer loop on every broker connection for as long as it is open
 * (tulios/kafkajs#1704), about 900 wake-ups and 4 % of a core a second per idle connection, and
 * on Node 24 a TimeoutNegativeWarning, the delay it computes being negative (#1751). The check only
 * matters while requests are pending (each one pushed schedules it) or a throttle is running out,
 * so it is scheduled only then, as proposed upstream (#1768). Another kafkajs version is left as
 * it is. Returns whether the fix is in place.
 */
export function fixKafkajsRequestQueueTimer(): boolean {
  if (applied !== undefined) return applied;
  const require = createRequire(__filename);
  const version = (require('kafkajs/package.json') as { version: string }).version;
  const queue = (
    require('kafkajs/src/network/requestQueue') as { prototype: RequestQueue } | undefined
  )?.prototype;
  applied = version === FIXED_VERSION && typeof queue?.scheduleCheckPendingRequests === 'function';
  if (!applied || !queue) return false;
  queue.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueue) {
    if (this.throttleCheckTimeoutId) return;
    const throttleLeftMs = this.throttledUntil - Date.now();
    let delayMs: number;
    if (this.pending.length > 0)
      delayMs = throttleLeftMs > 0 ? throttleLeftMs : CHECK_PENDING_REQUESTS_INTERVAL_MS;
    else if (throttleLeftMs > 0) delayMs = throttleLeftMs;
    else return;
    this.throttleCheckTimeoutId = setTimeout(() => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    }, delayMs);
  };
  return true;
}
