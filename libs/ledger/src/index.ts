export { auditChangeFact } from './audit-change-fact';
export { canonicalJson } from './canonical-json';
export {
  type ChainVerification,
  chainHash,
  emptyChain,
  GENESIS_HASH,
  hashedContent,
  verifyChainStep,
} from './hash-chain';
export {
  auditChangeKey,
  entryFromAuditChange,
  entryFromObservation,
  observedChangeKey,
} from './history-entry';
export type {
  AuditChangeFact,
  Evidence,
  FactActor,
  LedgerFactType,
  MessageDeadLetteredFact,
  ObjectObservedFact,
  TrackedObjectRef,
} from './ledger-fact';
export { mergeTwins } from './merge-twins';
export { compareMicroTime, dateToMicroTime, toMicroTime } from './micro-time';
export { DatabaseModule, PG_POOL } from './nest/database.module';
export {
  type CascadeCause,
  type ChangeAction,
  type ChangeOutcome,
  cascadeChangeKey,
  compareEventTime,
  EMPTY_STATE,
  type EventTime,
  foldObjectHistory,
  type HistoryEntry,
  type ObjectHistory,
  type ObjectState,
  type ObjectVersion,
} from './object-history';
export {
  collectionStreamId,
  deadLetterStreamId,
  type ObjectKey,
  objectKeyText,
  objectStreamId,
  parseObjectKeyText,
} from './object-key';
export {
  type ChangeFilter,
  type ChangePage,
  type ChangeView,
  changesAfterPosition,
  FEED_START_ID,
  type FeedMark,
  kubectlResource,
  latestChangePosition,
  listLatestChanges,
  queryChanges,
  toChangeView,
} from './postgres/changes.repository';
export {
  connectionStringOf,
  createPool,
  timestamptzToMicroTime,
} from './postgres/create-pool';
export {
  type AppendResult,
  appendEvents,
  readEventsAfter,
  readLatestEvents,
  readLedgerHead,
  readStream,
} from './postgres/event-store.repository';
export {
  type IdentityGroup,
  kindsVersion,
  observedMemberships,
} from './postgres/identity-groups.repository';
export { inTransaction } from './postgres/in-transaction';
export {
  APP_ACCESS_ROLE,
  type MigrationResult,
  migrateDatabase,
} from './postgres/migrate-database';
export {
  type ObjectVersionView,
  objectHistory,
  objectsAt,
  objectVersionAt,
} from './postgres/object-versions.repository';
export { PgListener, type PgListenerOptions } from './postgres/pg-listener';
export {
  CHANGE_FEED_CHANNEL,
  changeId,
  projectEvents,
  READ_MODELS_PROJECTION,
} from './postgres/read-models.projection';
export { readPagesAhead } from './postgres/read-pages-ahead';
export { rebuildReadModels } from './postgres/rebuild-read-models';
export { recordFacts } from './postgres/record-facts';
export { isTransientDatabaseError } from './postgres/transient-database-error';
export { type VerifyOptions, verifyLedger } from './postgres/verify-ledger';
export {
  type VerifyInWorkerOptions,
  verifyLedgerInWorker,
} from './postgres/verify-ledger-in-worker';
export type { NewEvent, RecordedEvent } from './recorded-event';
export { tierOf } from './tier-of';
