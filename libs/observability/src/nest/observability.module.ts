import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { collectDefaultMetrics } from 'prom-client';
import { LOGGER } from '../logger.token';
import { HealthController } from './health.controller';
import { ReadinessRegistry } from './readiness.registry';

/** Health, readiness and metrics routes, the readiness registry, and the logger for injection. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(logger: Logger): DynamicModule {
    collectDefaultMetrics();
    return {
      module: ObservabilityModule,
      controllers: [HealthController],
      providers: [ReadinessRegistry, { provide: LOGGER, useValue: logger }],
      exports: [ReadinessRegistry, LOGGER],
    };
  }
}
