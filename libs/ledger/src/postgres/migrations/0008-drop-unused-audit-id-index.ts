import type { Migration } from './migration';

/**
 * No query looks changes up by (cluster, audit_id): the projection finds an audit change (and its
 * twins) by its change key, 'audit:' and the audit ID, which the (cluster, change_key) key already
 * indexes. The index only cost every change row written.
 */
export const dropUnusedAuditIdIndex: Migration = {
  id: '0008-drop-unused-audit-id-index',
  sql: 'drop index if exists ledger.changes_audit_id_idx;',
};
