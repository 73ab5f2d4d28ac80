export { type ImportReport, importAuditLog } from './file/import-audit-log';
export {
  importSnapshot,
  readSnapshotDocuments,
  type SnapshotImportReport,
} from './file/import-snapshot';
export { AuditConsumer, type AuditConsumerOptions, type FactStore } from './kafka/audit-consumer';
export { registerCompressionCodecs } from './kafka/compression-codecs';
export { createKafka, type KafkaConnection } from './kafka/create-kafka';
export { fixKafkajsRequestQueueTimer } from './kafka/fix-kafkajs-request-queue-timer';
export { createIngestionMetrics, type IngestionMetrics } from './kafka/ingestion-metrics';
export { IngestionModule } from './nest/ingestion.module';
export {
  clusterOf,
  type DeadLetter,
  deadLetterFact,
  type IncomingMessage,
  type MessagePlan,
  planMessage,
} from './plan-message';
export { planSnapshot, type SnapshotPlan, snapshotItems } from './plan-snapshot';
