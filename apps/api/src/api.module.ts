import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule, accessOptionsFrom } from '@policy-ledger/access';
import { ApiHttpModule, ReportsModule } from '@policy-ledger/api';
import type { ApiConfig } from '@policy-ledger/config';
import { DatabaseModule } from '@policy-ledger/ledger';
import { ObservabilityModule } from '@policy-ledger/observability';
import type { Logger } from 'pino';

/** The API: history, objects as of T, RBAC questions, integrity and reports, behind authentication. */
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
        AccessModule.forRoot(accessOptionsFrom(config)),
        ApiHttpModule.forRoot(config),
        ReportsModule.forRoot({
          workers: config.REPORT_WORKERS,
          pollMs: config.REPORT_POLL_MS,
          scheduleEveryMs: config.REPORT_SCHEDULE_EVERY_MS,
          staleSeconds: config.REPORT_STALE_SECONDS,
          maxAttempts: config.REPORT_MAX_ATTEMPTS,
          retentionDays: config.REPORT_RETENTION_DAYS,
          rbacMode: config.RBAC_MODE,
          ...(config.TIER_OWNERS ? { tierOwners: config.TIER_OWNERS } : {}),
          version: process.env.npm_package_version ?? '0.1.0',
        }),
      ],
    };
  }
}
