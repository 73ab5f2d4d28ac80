import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { serveOpenApi } from '@policy-ledger/api';
import { apiConfigSchema, ConfigError, loadConfig } from '@policy-ledger/config';
import { createLogger, PinoNestLogger, recordHttpMetrics } from '@policy-ledger/observability';
import { ApiModule } from './api.module';

async function main(): Promise<void> {
  const config = loadConfig(apiConfigSchema, process.env);
  const logger = createLogger({ name: 'policy-ledger-api', level: config.LOG_LEVEL });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, logger),
    new FastifyAdapter({ bodyLimit: 64 * 1024 * 1024 }),
    {
      logger: new PinoNestLogger(logger),
    },
  );
  recordHttpMetrics(app.getHttpAdapter().getInstance());
  serveOpenApi(app, process.env.npm_package_version ?? '0.1.0');
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.PORT, config.HOST);
  logger.info({ url: await app.getUrl() }, 'api listening');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
