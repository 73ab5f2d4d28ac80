import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@policy-ledger/access';
import type { z } from 'zod';
import { integrityQuerySchema } from '../query-schemas';
import { IntegrityService } from './integrity.service';

@ApiTags('integrity')
@Controller('v1/integrity')
export class IntegrityController {
  constructor(private readonly integrity: IntegrityService) {}

  @Get()
  @RequirePermission('read', 'Integrity', { cluster: 'none' })
  @ApiOperation({
    summary: 'Whether the hash chain over every stored event verifies, and where it breaks if not',
  })
  async check(
    @Query({ schema: integrityQuerySchema }) query: z.output<typeof integrityQuerySchema>,
  ) {
    const report = await this.integrity.current({ full: query.full === 'true' });
    return {
      verified: report.verified,
      events: report.events,
      head: report.head,
      firstBrokenAt: report.firstBrokenAt,
      ...(report.reason ? { reason: report.reason } : {}),
      checkedAt: report.checkedAt,
      fullCheckAt: report.fullCheckAt,
    };
  }
}
