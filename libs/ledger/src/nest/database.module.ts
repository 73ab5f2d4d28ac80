import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ReadinessRegistry } from '@policy-ledger/observability';
import type pg from 'pg';
import { createPool } from '../postgres/create-pool';

export const PG_POOL = Symbol('PG_POOL');

@Injectable()
class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register({
      name: 'database',
      check: async () => {
        await this.pool.query('select 1');
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/** The PostgreSQL pool every repository uses, closed when the application shuts down. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: {
    url: string;
    max?: number;
    onError?: (error: Error) => void;
  }): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: PG_POOL, useFactory: () => createPool(options.url, options) },
        DatabaseLifecycle,
      ],
      exports: [PG_POOL],
    };
  }
}
