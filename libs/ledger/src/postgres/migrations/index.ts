import { eventStore } from './0001-event-store';
import { readModels } from './0002-read-models';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration in the order it is applied. Applied migrations are never edited: add a new one. */
export const migrations: readonly Migration[] = [eventStore, readModels];
