import { eventStore } from './0001-event-store';
import { readModels } from './0002-read-models';
import { changeFeed } from './0003-change-feed';
import { accessControl } from './0004-access-control';
import { reports } from './0005-reports';
import { dropDuplicateStreamIndex } from './0006-drop-duplicate-stream-index';
import { dropUnusedEventTimeIndex } from './0007-drop-unused-event-time-index';
import { dropUnusedAuditIdIndex } from './0008-drop-unused-audit-id-index';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration in the order it is applied. Applied migrations are never edited: add a new one. */
export const migrations: readonly Migration[] = [
  eventStore,
  readModels,
  changeFeed,
  accessControl,
  reports,
  dropDuplicateStreamIndex,
  dropUnusedEventTimeIndex,
  dropUnusedAuditIdIndex,
];
