import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { IngestorConfig } from '@policy-ledger/config';
import { isTransientDatabaseError, PG_POOL, recordFacts } from '@policy-ledger/ledger';
import { LOGGER, ReadinessRegistry } from '@policy-ledger/observability';
import type pg from 'pg';
import type { Logger } from 'pino';
import { AuditConsumer } from '../kafka/audit-consumer';
import { createKafka } from '../kafka/create-kafka';
import { createIngestionMetrics } from '../kafka/ingestion-metrics';

export const INGESTOR_CONFIG = Symbol('INGESTOR_CONFIG');

/** Runs the audit consumer for the life of the application and reports it in /readyz. */
@Injectable()
class IngestionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: AuditConsumer;

  constructor(
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
    @Inject(PG_POOL) pool: pg.Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    readiness: ReadinessRegistry,
  ) {
    const kafka = createKafka(
      {
        brokers: config.KAFKA_BROKERS,
        clientId: config.KAFKA_CLIENT_ID,
        ssl: config.KAFKA_SSL,
        sasl:
          config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD
            ? {
                mechanism: config.KAFKA_SASL_MECHANISM,
                username: config.KAFKA_SASL_USERNAME,
                password: config.KAFKA_SASL_PASSWORD,
              }
            : undefined,
      },
      logger.child({ component: 'kafkajs' }),
    );
    this.consumer = new AuditConsumer(
      kafka,
      {
        record: (facts) =>
          recordFacts(pool, facts).then((r) => ({
            appended: r.appended.length,
            duplicates: r.duplicates.length,
          })),
        probe: async () => {
          await pool.query('select 1');
        },
        isTransient: isTransientDatabaseError,
      },
      {
        groupId: config.KAFKA_GROUP_ID,
        topics: config.AUDIT_TOPICS,
        fromBeginning: config.FROM_BEGINNING,
        chunkSize: config.INGEST_CHUNK_SIZE,
        dlqSuffix: config.DLQ_TOPIC_SUFFIX,
        topicClusters: config.TOPIC_CLUSTERS,
        defaultCluster: config.DEFAULT_CLUSTER,
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        rebalanceTimeoutMs: config.KAFKA_REBALANCE_TIMEOUT_MS,
      },
      logger.child({ component: 'consumer' }),
      createIngestionMetrics(),
    );
    readiness.register({ name: 'kafka', check: () => this.consumer.assertHealthy() });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.logger.info(
      { topics: this.config.AUDIT_TOPICS, group: this.config.KAFKA_GROUP_ID },
      'consuming audit topics',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    this.logger.info('consumer stopped');
  }
}

@Module({})
export class IngestionModule {
  static forRoot(config: IngestorConfig): DynamicModule {
    return {
      module: IngestionModule,
      providers: [{ provide: INGESTOR_CONFIG, useValue: config }, IngestionService],
    };
  }
}
