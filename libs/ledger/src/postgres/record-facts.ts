import type pg from 'pg';
import type { AuditChangeFact } from '../ledger-fact';
import type { NewEvent } from '../recorded-event';
import { type AppendResult, appendEvents } from './event-store.repository';
import { inTransaction } from './in-transaction';
import { projectEvents } from './read-models.projection';

/**
 * A body-carrying twin of an audit event already recorded (same auditID, e.g. the aggregated API
 * server's copy of a request kube-apiserver logged at Metadata level) is stored as a fact of its
 * own that enriches the change: AuditChangeEnriched.
 */
async function labelTwins(client: pg.ClientBase, events: readonly NewEvent[]): Promise<NewEvent[]> {
  const audits = events.filter((e) => e.type === 'AuditChangeRecorded');
  if (audits.length === 0) return [...events];
  const keyOf = (e: NewEvent) => {
    const fact = e.data as unknown as AuditChangeFact;
    return `${fact.cluster}\naudit:${fact.auditId}`;
  };
  const stored = await client.query<{ k: string }>(
    `select cluster || E'\\n' || change_key as k from ledger.changes
      where (cluster, change_key) in (select * from unnest($1::text[], $2::text[]))`,
    [
      audits.map((e) => (e.data as unknown as AuditChangeFact).cluster),
      audits.map((e) => `audit:${(e.data as unknown as AuditChangeFact).auditId}`),
    ],
  );
  const seen = new Set(stored.rows.map((r) => r.k));
  const seenIds = new Set<string>();
  return events.map((event) => {
    if (event.type !== 'AuditChangeRecorded') return event;
    const key = keyOf(event);
    const twin = seen.has(key) && !seenIds.has(event.eventId);
    seen.add(key);
    seenIds.add(event.eventId);
    return twin ? { ...event, type: 'AuditChangeEnriched' } : event;
  });
}

/**
 * Stores facts and folds them into the read models in one transaction: either all of it
 * commits, with the projection checkpoint, or none of it does.
 */
export async function recordFacts(
  pool: pg.Pool,
  events: readonly NewEvent[],
  now = new Date(),
): Promise<AppendResult> {
  return inTransaction(pool, async (client) => {
    const labelled = await labelTwins(client, events);
    const result = await appendEvents(client, labelled, now);
    await projectEvents(client, result.appended);
    return result;
  });
}
