import type { Migration } from './migration';

/**
 * Nothing reads ledger.events by event time: history and period queries go to the read models,
 * and the store itself is read by position, event id or stream. The index only cost appends.
 */
export const dropUnusedEventTimeIndex: Migration = {
  id: '0007-drop-unused-event-time-index',
  sql: 'drop index if exists ledger.events_occurred_at_idx;',
};
