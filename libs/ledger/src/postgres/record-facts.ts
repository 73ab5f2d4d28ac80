import type pg from 'pg';
import { auditChangeKey } from '../history-entry';
import type { AuditChangeFact } from '../ledger-fact';
import type { NewEvent } from '../recorded-event';
import { type AppendResult, prepareAppend } from './event-store.repository';
import { inTransaction } from './in-transaction';
import {
  prepareProjection,
  type StoredAuditChange,
  storedAuditChanges,
} from './read-models.projection';

/**
 * A body-carrying twin of an audit event already recorded (same auditID, e.g. the aggregated API
 * server's copy of a request kube-apiserver logged at Metadata level) is stored as a fact of its
 * own that enriches the change: AuditChangeEnriched.
 */
async function labelTwins(
  client: pg.ClientBase,
  events: readonly NewEvent[],
): Promise<{ labelled: NewEvent[]; stored: Map<string, StoredAuditChange> }> {
  const audits = events.filter(
    (e) => e.type === 'AuditChangeRecorded' || e.type === 'AuditChangeEnriched',
  );
  if (audits.length === 0) return { labelled: [...events], stored: new Map() };
  const keyOf = (e: NewEvent) => {
    const fact = e.data as unknown as AuditChangeFact;
    return `${fact.cluster}\n${auditChangeKey(fact.auditId)}`;
  };
  const stored = await storedAuditChanges(
    client,
    audits.map((e) => {
      const fact = e.data as unknown as AuditChangeFact;
      return { cluster: fact.cluster, changeKey: auditChangeKey(fact.auditId) };
    }),
  );
  const seen = new Set(stored.keys());
  const seenIds = new Set<string>();
  const labelled = events.map((event) => {
    if (event.type !== 'AuditChangeRecorded') return event;
    const key = keyOf(event);
    const twin = seen.has(key) && !seenIds.has(event.eventId);
    seen.add(key);
    seenIds.add(event.eventId);
    return twin ? { ...event, type: 'AuditChangeEnriched' } : event;
  });
  return { labelled, stored };
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
    const { labelled, stored } = await labelTwins(client, events);
    const append = await prepareAppend(client, labelled, now);
    // The twins' lookup covers every auditID of the batch: the projection needs the same rows.
    const projection = await prepareProjection(client, append.result.appended, {
      storedAuditChanges: stored,
    });
    // The fold runs while PostgreSQL writes the events; a failure surfaces when awaited.
    const inserted = append.insert();
    inserted.catch(() => undefined);
    await projection.apply(inserted);
    return append.result;
  });
}
