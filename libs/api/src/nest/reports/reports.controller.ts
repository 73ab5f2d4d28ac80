import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  Body,
  ConflictException,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CurrentPrincipal,
  checkPermission,
  type Principal,
  RequirePermission,
} from '@policy-ledger/access';
import { PG_POOL } from '@policy-ledger/ledger';
import {
  createReportSchedule,
  deleteReportSchedule,
  describeReportJson,
  enqueueReportRun,
  findReportRun,
  findReportSchedule,
  listReportRuns,
  listReportSchedules,
  type ReportRun,
  readReportContent,
  ScheduleNameTakenError,
} from '@policy-ledger/reports';
import type { FastifyReply } from 'fastify';
import type pg from 'pg';
import type { z } from 'zod';
import { decodeCursor, encodeCursor, InvalidCursorError } from '../../keyset-cursor';
import {
  idPathSchema,
  nextFire,
  reportListQuerySchema,
  reportRequestSchema,
  reportScheduleSchema,
} from '../../report-request-schemas';
import { ReportRunnerService } from './report-runner.service';
import { REPORTS_OPTIONS, type ReportsOptions } from './reports-options';

/** A run as the API shows it: where it stands, and where its file is once it has one. */
function view(run: ReportRun) {
  return {
    ...run,
    links: {
      self: `/v1/reports/${run.id}`,
      ...(run.status === 'succeeded' ? { content: `/v1/reports/${run.id}/content` } : {}),
    },
  };
}

/** Reports of one cluster are for callers who may read that cluster; reports of every cluster for unrestricted ones. */
function assertMayRead(principal: Principal, cluster: string | null): void {
  const decision = checkPermission(principal, 'read', 'Report', { cluster: cluster ?? '*' });
  if (!decision.allowed) throw new ForbiddenException(decision.reason);
}

/** A page of runs ends at its last run's request time and id; cursors are bound to the list of runs. */
const RUNS = { list: 'reports' };

function afterOf(cursor: string | undefined): { requestedAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [requestedAt, id] = decodeCursor(cursor, RUNS);
  if (typeof requestedAt !== 'string' || typeof id !== 'string')
    throw new InvalidCursorError('is not a cursor this API issued');
  return { requestedAt, id };
}

@ApiTags('reports')
@Controller('v1')
export class ReportsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(REPORTS_OPTIONS) private readonly options: ReportsOptions,
    private readonly runner: ReportRunnerService,
  ) {}

  @Post('reports')
  @HttpCode(202)
  @RequirePermission('create', 'Report', { whenOmitted: 'all-clusters' })
  @ApiOperation({
    summary:
      'Request a compliance or threat-model report of [from, to): 202 with its id; poll GET /v1/reports/{id}',
  })
  async request(
    @Body({ schema: reportRequestSchema }) body: z.output<typeof reportRequestSchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const run = await enqueueReportRun(this.pool, {
      id: randomUUID(),
      type: body.type,
      cluster: body.cluster ?? null,
      from: body.from,
      to: body.to,
      format: body.format,
      requestedBy: principal.name,
      retentionDays: this.options.retentionDays,
      maxAttempts: this.options.maxAttempts,
    });
    this.runner.nudge();
    return view(run!);
  }

  @Get('reports')
  @RequirePermission('read', 'Report', { cluster: 'none' })
  @ApiOperation({ summary: 'Report runs, newest first, keyset-paginated' })
  async list(
    @Query({ schema: reportListQuerySchema }) query: z.output<typeof reportListQuerySchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const runs = await listReportRuns(this.pool, {
      limit: query.limit + 1,
      after: afterOf(query.cursor),
      clusters: principal.clusters,
    });
    const page = runs.slice(0, query.limit);
    return {
      items: page.map(view),
      nextCursor:
        runs.length > query.limit
          ? encodeCursor([page.at(-1)!.requestedAt, page.at(-1)!.id], RUNS)
          : null,
    };
  }

  @Get('report-schema')
  @RequirePermission('read', 'Report', { cluster: 'none' })
  @ApiOperation({
    summary: 'The JSON Schema (draft 2020-12) of JSON reports, for the automation that reads them',
  })
  schema() {
    return describeReportJson();
  }

  @Get('reports/:id')
  @RequirePermission('read', 'Report', { cluster: 'none' })
  @ApiOperation({ summary: "A report run's status, progress, attempts, error and file" })
  async status(
    @Param({ schema: idPathSchema }) path: z.output<typeof idPathSchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const run = await findReportRun(this.pool, path.id);
    if (!run) throw new NotFoundException(`no report ${path.id}`);
    assertMayRead(principal, run.cluster);
    return view(run);
  }

  @Get('reports/:id/content')
  @RequirePermission('read', 'Report', { cluster: 'none' })
  @ApiOperation({
    summary:
      'The rendered report (PDF, JSON, or a zip of CSV files), with a file name to save it under',
  })
  async content(
    @Param({ schema: idPathSchema }) path: z.output<typeof idPathSchema>,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const run = await findReportRun(this.pool, path.id);
    if (!run) throw new NotFoundException(`no report ${path.id}`);
    assertMayRead(principal, run.cluster);
    if (run.status !== 'succeeded' || !run.fileName || !run.contentType) {
      throw new ConflictException(
        `report ${run.id} is ${run.status}${run.status === 'running' ? ` (${Math.round(run.progress * 100)}%)` : ''}: it has no content yet`,
      );
    }
    return reply
      .header('content-type', run.contentType)
      .header('content-disposition', `attachment; filename="${run.fileName}"`)
      .header('content-length', String(run.size))
      .header('etag', `"${run.sha256}"`)
      .header('cache-control', 'private, no-store')
      .send(Readable.from(readReportContent(this.pool, run.id)));
  }

  @Post('report-schedules')
  @HttpCode(201)
  @RequirePermission('create', 'ReportSchedule', { whenOmitted: 'all-clusters' })
  @ApiOperation({
    summary:
      'Run a report on a cron schedule (UTC); each run covers the period since the previous firing, after a delay for late events',
  })
  async schedule(
    @Body({ schema: reportScheduleSchema }) body: z.output<typeof reportScheduleSchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const next = nextFire(body.cron, new Date());
    if (!next) throw new ConflictException('cron: the expression never fires again');
    try {
      return await createReportSchedule(this.pool, {
        id: randomUUID(),
        name: body.name,
        cron: body.cron,
        type: body.type,
        cluster: body.cluster ?? null,
        format: body.format,
        retentionDays: body.retentionDays,
        delayMinutes: body.delayMinutes,
        createdBy: principal.name,
        nextRunAt: next.toISOString(),
      });
    } catch (error) {
      if (error instanceof ScheduleNameTakenError) throw new ConflictException(error.message);
      throw error;
    }
  }

  @Get('report-schedules')
  @RequirePermission('read', 'ReportSchedule', { cluster: 'none' })
  @ApiOperation({ summary: 'Report schedules, with their next and last runs and last error' })
  async schedules(@CurrentPrincipal() principal: Principal) {
    return { items: await listReportSchedules(this.pool, principal.clusters) };
  }

  @Delete('report-schedules/:id')
  @HttpCode(204)
  @RequirePermission('create', 'ReportSchedule', { cluster: 'none' })
  @ApiOperation({ summary: 'Delete a schedule (its past runs stay until their retention ends)' })
  async unschedule(
    @Param({ schema: idPathSchema }) path: z.output<typeof idPathSchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const schedule = await findReportSchedule(this.pool, path.id);
    if (!schedule) throw new NotFoundException(`no report schedule ${path.id}`);
    const decision = checkPermission(principal, 'create', 'ReportSchedule', {
      cluster: schedule.cluster ?? '*',
    });
    if (!decision.allowed) throw new ForbiddenException(decision.reason);
    await deleteReportSchedule(this.pool, path.id);
  }
}
