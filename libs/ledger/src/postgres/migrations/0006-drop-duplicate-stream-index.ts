import type { Migration } from './migration';

/**
 * events_stream_idx repeats the index behind the events_stream_position_key constraint: every
 * append paid for both. The constraint's index serves the same lookups.
 */
export const dropDuplicateStreamIndex: Migration = {
  id: '0006-drop-duplicate-stream-index',
  sql: 'drop index if exists ledger.events_stream_idx;',
};
