import { buildRbacSnapshot } from '../build-rbac-snapshot';
import { createRbacEngine, type RbacEngine } from '../create-rbac-engine';
import type { RbacMode } from '../plan-decision';
import type { ObservedMembership } from '../rbac-snapshot';

/** An engine over synthetic objects; fails the test if any object is invalid. */
export function engineFor(
  objects: readonly unknown[],
  options: { mode?: RbacMode; memberships?: ObservedMembership[] } = {},
): RbacEngine {
  const snapshot = buildRbacSnapshot({ objects, memberships: options.memberships ?? [] });
  if (snapshot.problems.length > 0)
    throw new Error(`invalid synthetic objects: ${snapshot.problems.join('; ')}`);
  return createRbacEngine(snapshot, { mode: options.mode ?? 'apiserver' });
}

/** An observed membership with fixed, synthetic times. */
export function observed(username: string, group: string): ObservedMembership {
  return { username, group, firstSeen: '2026-07-01T00:00:00Z', lastSeen: '2026-08-01T00:00:00Z' };
}
