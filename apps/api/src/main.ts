import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { apiConfigSchema, ConfigError, loadConfig } from '@policy-ledger/config';
import { createLogger, PinoNestLogger } from '@policy-ledger/observability';
import { ApiModule } from './api.module';

async function main(): Promise<void> {
  const config = loadConfig(apiConfigSchema, process.env);
  const logger = createLogger({ name: 'policy-ledger-api', level: config.LOG_LEVEL });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, logger),
    new FastifyAdapter(),
    {
      logger: new PinoNestLogger(logger),
    },
  );
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.PORT, config.HOST);
  logger.info({ url: await app.getUrl() }, 'api listening');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
