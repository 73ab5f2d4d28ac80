export type { KafkaBroker } from './kafka/kafka-broker';
export type { EmbeddedPostgres } from './postgres/embedded-postgres';
export { isProcessAlive, stopProcessGroup } from './process/owned-process';
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
