import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  Query,
  StandardSchemaValidationPipe,
} from '@nestjs/common';
import { PG_POOL } from '@policy-ledger/ledger';
import type pg from 'pg';
import { z } from 'zod';
import { decodeAccessLogCursor, encodeAccessLogCursor } from '../access-log-cursor';
import { type AccessLogRecord, listAccessLogEntries } from '../postgres/access-log.repository';
import { RequirePermission } from './require-permission.decorator';

export const accessLogQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).optional(),
  cursor: z.string().max(500).optional(),
  principal: z
    .string()
    .min(1)
    .max(300)
    .optional()
    .describe('A principal id (token:…, oidc:…) or name'),
});

type AccessLogQuery = z.output<typeof accessLogQuerySchema>;

/** Who called the API, newest first: admins only, and itself recorded like every other call. */
@Controller('v1/access-log')
export class AccessLogController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Get()
  @RequirePermission('read', 'AccessLog', { cluster: 'none' })
  async list(
    @Query({ schema: accessLogQuerySchema, pipes: [new StandardSchemaValidationPipe()] })
    query: AccessLogQuery,
  ): Promise<{ items: AccessLogRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? 100;
    const after =
      query.cursor === undefined ? undefined : decodeAccessLogCursor(query.cursor, query.principal);
    if (after && !after.ok) throw new BadRequestException(`cursor ${after.reason}`);
    const items = await listAccessLogEntries(
      this.pool,
      { principal: query.principal },
      { limit, after: after?.cursor },
    );
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        items.length === limit && last ? encodeAccessLogCursor(last, query.principal) : null,
    };
  }
}
