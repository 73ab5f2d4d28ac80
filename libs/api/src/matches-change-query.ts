import type { ChangeView } from '@policy-ledger/ledger';
import type { ChangeQuery } from './query-schemas';

/** The live tail applies the list's filters in memory to each new change. */
export function matchesChangeQuery(change: ChangeView, query: ChangeQuery): boolean {
  if (query.resource) {
    const wanted = query.resource.apiGroup
      ? `${query.resource.resource}.${query.resource.apiGroup}`
      : query.resource.resource;
    if (change.resource !== wanted) return false;
  }
  if (query.namespace !== undefined && change.namespace !== query.namespace) return false;
  if (query.name !== undefined && change.name !== query.name) return false;
  if (query.tier !== undefined && change.tier !== query.tier) return false;
  if (
    query.actor !== undefined &&
    change.actor.username !== query.actor &&
    change.actor.impersonatedBy !== query.actor
  )
    return false;
  if (query.verb !== undefined && change.verb !== query.verb) return false;
  if (query.outcome !== undefined && change.outcome !== query.outcome) return false;
  if (query.from !== undefined && change.occurredAt < query.from) return false;
  if (query.to !== undefined && change.occurredAt >= query.to) return false;
  return true;
}
