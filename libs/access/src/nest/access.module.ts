import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessGuard } from './access.guard';
import { AccessLogController } from './access-log.controller';
import { AccessLogWriter } from './access-log-writer';
import { ACCESS_OPTIONS, type AccessModuleOptions } from './access-options';
import { Authenticator } from './authenticator';
import { PrincipalThrottlerGuard } from './principal-throttler.guard';
import { SlidingWindowThrottlerStorage } from './sliding-window-throttler.storage';
import { TokensController } from './tokens.controller';

/**
 * Authentication (API tokens, OIDC bearer JWTs), per-route authorisation, rate limiting and the
 * access log, for every route of the application. Needs the global PG_POOL and LOGGER.
 * Deliberately not @Global: its shutdown hook must run before the database module's closes the pool.
 */
@Module({})
export class AccessModule {
  static forRoot(options: AccessModuleOptions): DynamicModule {
    return {
      module: AccessModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: options.rateLimitPerMinute }],
          storage: new SlidingWindowThrottlerStorage(),
        }),
      ],
      controllers: [TokensController, AccessLogController],
      providers: [
        { provide: ACCESS_OPTIONS, useValue: options },
        Authenticator,
        AccessLogWriter,
        PrincipalThrottlerGuard,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
