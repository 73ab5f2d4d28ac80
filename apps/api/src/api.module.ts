import { type DynamicModule, Module } from '@nestjs/common';
import type { ApiConfig } from '@policy-ledger/config';
import { DatabaseModule } from '@policy-ledger/ledger';
import { ObservabilityModule } from '@policy-ledger/observability';
import type { Logger } from 'pino';
import { API_CONFIG } from './api-config.token';
import { ChangesController } from './changes.controller';

@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig, logger: Logger): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ObservabilityModule.forRoot(logger),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          onError: (err) => logger.warn({ err }, 'database connection error'),
        }),
      ],
      controllers: [ChangesController],
      providers: [{ provide: API_CONFIG, useValue: config }],
    };
  }
}
