import { Counter, Gauge, Histogram, type Registry, register } from 'prom-client';

/** The ingestor's Prometheus metrics. */
export function createIngestionMetrics(registry: Registry = register) {
  const registers = [registry];
  return {
    messagesRead: new Counter({
      name: 'policy_ledger_ingest_messages_read_total',
      help: 'Kafka messages read',
      labelNames: ['topic'],
      registers,
    }),
    messagesDropped: new Counter({
      name: 'policy_ledger_ingest_messages_dropped_total',
      help: 'Messages dropped by the byte-level pre-check without parsing (nothing about tracked resources)',
      labelNames: ['topic'],
      registers,
    }),
    eventsKept: new Counter({
      name: 'policy_ledger_ingest_events_kept_total',
      help: 'Audit events kept as ledger facts',
      labelNames: ['cluster'],
      registers,
    }),
    eventsIgnored: new Counter({
      name: 'policy_ledger_ingest_events_ignored_total',
      help: 'Decoded audit events that are not changes to tracked objects',
      labelNames: ['reason'],
      registers,
    }),
    deadLettered: new Counter({
      name: 'policy_ledger_ingest_dead_lettered_total',
      help: 'Messages or parts sent to the dead-letter topic',
      labelNames: ['topic'],
      registers,
    }),
    appended: new Counter({
      name: 'policy_ledger_ingest_facts_appended_total',
      help: 'Facts appended to the ledger',
      registers,
    }),
    duplicates: new Counter({
      name: 'policy_ledger_ingest_duplicates_total',
      help: 'Facts already in the ledger (redelivery), not stored again',
      registers,
    }),
    batchSeconds: new Histogram({
      name: 'policy_ledger_ingest_batch_seconds',
      help: 'Time to store one transaction of planned messages and commit their offsets',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    consumerLag: new Gauge({
      name: 'policy_ledger_ingest_consumer_lag',
      help: 'Messages behind the partition high watermark',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    databaseUnavailable: new Gauge({
      name: 'policy_ledger_ingest_database_unavailable',
      help: '1 while PostgreSQL is unreachable and consumption is paused',
      registers,
    }),
  };
}

export type IngestionMetrics = ReturnType<typeof createIngestionMetrics>;
