export type { KafkaBroker } from './kafka/kafka-broker';
export type { EmbeddedPostgres } from './postgres/embedded-postgres';
export { startEmbeddedPostgres } from './postgres/embedded-postgres';
export { findFreePort } from './process/free-port';
export { isProcessAlive, startOwnedProcess, stopProcessGroup } from './process/owned-process';
export { watchOwner } from './process/owner-watch';
export {
  describeSettings,
  type RunningStack,
  type StackStatus,
  type StackUpResult,
  type StartStackOptions,
  stackDown,
  stackStatus,
  stackUp,
  startStack,
} from './process/stack-manager';
export {
  formatStackEnv,
  formatTimings,
  parseStackEnv,
  redactUrl,
  type StackSettings,
  type StackTiming,
  type TopicSpec,
} from './stack-settings';
