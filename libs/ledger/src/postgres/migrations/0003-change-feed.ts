import type { Migration } from './migration';

/**
 * The position of the newest fact behind each change, so a live feed can ask "what changed
 * after position P" (new changes, and changes a twin event enriched), and caches can tell when
 * a kind of object changed.
 */
export const changeFeed: Migration = {
  id: '0003-change-feed',
  sql: `
alter table ledger.changes add column last_position bigint not null default 0;
update ledger.changes set last_position = coalesce((select max(p) from unnest(positions) as p), 0);
create index changes_feed_idx on ledger.changes (cluster, last_position, id);
create index changes_resource_feed_idx on ledger.changes (cluster, resource, last_position);
`,
};
