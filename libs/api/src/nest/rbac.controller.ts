import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthorizedCluster, RequirePermission } from '@policy-ledger/access';
import type { z } from 'zod';
import {
  canIBodySchema,
  matrixQuerySchema,
  tierEditorsQuerySchema,
  tierPathSchema,
  whoCanQuerySchema,
} from '../rbac-query-schemas';
import { memoised, RbacStateService } from './rbac-state.service';

/** Who-can, can-i and the matrix carry the engine's warnings (tier editors has them as caveats). */
@ApiTags('rbac')
@Controller('v1/rbac')
export class RbacController {
  constructor(private readonly rbac: RbacStateService) {}

  @Get('who-can')
  @RequirePermission('query', 'Rbac')
  @ApiOperation({
    summary:
      'Who can do a verb on a (tiered) policy kind: Kubernetes RBAC with Calico tier checks, now or as of `at`',
  })
  async whoCan(
    @Query({ schema: whoCanQuerySchema }) query: z.output<typeof whoCanQuerySchema>,
    @AuthorizedCluster() cluster: string,
  ) {
    const engine = await this.rbac.engine(cluster, { at: query.at, mode: query.mode });
    const { cluster: _c, at, mode: _m, ...question } = query;
    return {
      cluster,
      at: at ?? null,
      mode: engine.mode,
      ...memoised(engine, `who-can ${JSON.stringify(question)}`, () => engine.whoCan(question)),
      warnings: engine.warnings,
    };
  }

  @Get('tiers/:tier/editors')
  @RequirePermission('query', 'Rbac')
  @ApiOperation({
    summary:
      'Who can edit the policies of a tier, and modify the tier itself; indirect paths and caveats',
  })
  async tierEditors(
    @Param({ schema: tierPathSchema }) path: z.output<typeof tierPathSchema>,
    @Query({ schema: tierEditorsQuerySchema }) query: z.output<typeof tierEditorsQuerySchema>,
    @AuthorizedCluster() cluster: string,
  ) {
    const engine = await this.rbac.engine(cluster, { at: query.at, mode: query.mode });
    return {
      cluster,
      at: query.at ?? null,
      mode: engine.mode,
      ...memoised(engine, `tier-editors ${path.tier}`, () => engine.tierEditors(path.tier)),
    };
  }

  @Post('can-i')
  @HttpCode(200)
  @RequirePermission('query', 'Rbac')
  @ApiOperation({
    summary:
      'Can a user (with groups) do a verb on a policy: each check and the chain that granted it, or which check failed',
  })
  async canI(
    @Body({ schema: canIBodySchema }) body: z.output<typeof canIBodySchema>,
    @AuthorizedCluster() cluster: string,
  ) {
    const engine = await this.rbac.engine(cluster, { at: body.at, mode: body.mode });
    const { cluster: _c, at, mode: _m, ...question } = body;
    return {
      cluster,
      at: at ?? null,
      mode: engine.mode,
      ...engine.canI(question),
      warnings: engine.warnings,
    };
  }

  @Get('matrix')
  @RequirePermission('query', 'Rbac')
  @ApiOperation({ summary: 'Tiers × subjects × {view, edit, manage tier}' })
  async matrix(
    @Query({ schema: matrixQuerySchema }) query: z.output<typeof matrixQuerySchema>,
    @AuthorizedCluster() cluster: string,
  ) {
    const engine = await this.rbac.engine(cluster, { at: query.at, mode: query.mode });
    return {
      cluster,
      at: query.at ?? null,
      mode: engine.mode,
      ...memoised(engine, 'matrix', () => engine.accessMatrix()),
      warnings: engine.warnings,
    };
  }
}
