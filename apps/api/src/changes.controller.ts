import { Controller, Get, Inject } from '@nestjs/common';
import type { ApiConfig } from '@policy-ledger/config';
import { type ChangeView, listLatestChanges, PG_POOL } from '@policy-ledger/ledger';
import type pg from 'pg';
import { API_CONFIG } from './api-config.token';

@Controller('v1/changes')
export class ChangesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Get()
  async list(): Promise<{ items: ChangeView[] }> {
    return { items: await listLatestChanges(this.pool, this.config.DEFAULT_CLUSTER, 100) };
  }
}
