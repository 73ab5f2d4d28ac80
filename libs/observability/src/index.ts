export { createLogger, type Logger } from './create-logger';
export { LOGGER } from './logger.token';
export { HealthController } from './nest/health.controller';
export { ObservabilityModule } from './nest/observability.module';
export { PinoNestLogger } from './nest/pino-nest-logger';
export { IS_PUBLIC_ROUTE, Public } from './nest/public.decorator';
export { ReadinessRegistry } from './nest/readiness.registry';
export { assessReadiness, type ReadinessCheck, type ReadinessReport } from './readiness';
export { REDACTED_PATHS, redactSecrets } from './redact-secrets';
