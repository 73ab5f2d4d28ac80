import { type DynamicModule, Module } from '@nestjs/common';
import type { IngestorConfig } from '@policy-ledger/config';
import { IngestionModule } from '@policy-ledger/ingestion';
import { DatabaseModule } from '@policy-ledger/ledger';
import { ObservabilityModule } from '@policy-ledger/observability';
import type { Logger } from 'pino';

/** The ingestor: Kafka in, ledger out; serves only health, readiness and metrics. */
@Module({})
export class IngestorModule {
  static forRoot(config: IngestorConfig, logger: Logger): DynamicModule {
    return {
      module: IngestorModule,
      imports: [
        ObservabilityModule.forRoot(logger),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          onError: (err) => logger.warn({ err }, 'database connection error'),
        }),
        IngestionModule.forRoot(config),
      ],
    };
  }
}
