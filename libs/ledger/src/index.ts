export { canonicalJson } from './canonical-json';
export {
  type ChainVerification,
  chainHash,
  emptyChain,
  GENESIS_HASH,
  hashedContent,
  verifyChainStep,
} from './hash-chain';
export { compareMicroTime, dateToMicroTime, toMicroTime } from './micro-time';
export {
  type AppendResult,
  appendEvents,
  readEventsAfter,
  readLatestEvents,
  readStream,
} from './postgres/event-store.repository';
export {
  APP_ACCESS_ROLE,
  type MigrationResult,
  migrateDatabase,
} from './postgres/migrate-database';
export type { NewEvent, RecordedEvent } from './recorded-event';
