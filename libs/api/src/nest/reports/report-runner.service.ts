import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { connectionStringOf, inTransaction, PG_POOL } from '@policy-ledger/ledger';
import { LOGGER } from '@policy-ledger/observability';
import {
  advanceReportSchedule,
  claimReportRun,
  completeReportRun,
  deleteExpiredReportRuns,
  enqueueReportRun,
  failAbandonedRuns,
  failReportRun,
  heartbeatReportRun,
  lockDueSchedules,
  type ReportRun,
  runReportInWorker,
} from '@policy-ledger/reports';
import type pg from 'pg';
import type { Logger } from 'pino';
import { nextFire, periodEndingAt } from '../../report-request-schemas';
import { reportMetrics } from './report-metrics';
import { REPORTS_OPTIONS, type ReportsOptions } from './reports-options';

const HEARTBEAT_MS = 5_000;
const RETRY_AFTER_SECONDS = 30;

/**
 * The report job runner: claims queued runs (REPORT_WORKERS at a time per process), renders them
 * into the database in chunks with a heartbeat, retries failures, and starts scheduled runs once
 * their period has ended plus its delay. Every api instance runs one; the queue keeps them apart.
 */
@Injectable()
export class ReportRunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly active = new Map<string, Promise<void>>();
  private timers: NodeJS.Timeout[] = [];
  private stopping = false;
  private readonly metrics = reportMetrics();

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(REPORTS_OPTIONS) private readonly options: ReportsOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.workers === 0) return;
    this.timers = [
      setInterval(() => void this.claimWork(), this.options.pollMs),
      setInterval(() => void this.startScheduledRuns(), this.options.scheduleEveryMs),
      setInterval(() => void this.housekeep(), 60_000),
    ];
    for (const timer of this.timers) timer.unref();
    void this.startScheduledRuns();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    // Runs in flight finish; one that does not in time is claimed again once its heartbeat is stale.
    await Promise.race([
      Promise.allSettled(this.active.values()),
      new Promise((resolve) => setTimeout(resolve, 20_000).unref()),
    ]);
  }

  /** Wakes the runner now rather than at its next poll (a run was just requested). */
  nudge(): void {
    void this.claimWork();
  }

  private async claimWork(): Promise<void> {
    while (!this.stopping && this.active.size < this.options.workers) {
      let run: ReportRun | undefined;
      try {
        run = await claimReportRun(this.pool, this.options.staleSeconds);
      } catch (error) {
        this.logger.warn({ err: error }, 'could not claim a report run');
        return;
      }
      if (!run) return;
      const work = this.execute(run).finally(() => this.active.delete(run!.id));
      this.active.set(run.id, work);
    }
  }

  private async execute(run: ReportRun): Promise<void> {
    let progress = 0;
    const heartbeat = setInterval(
      () => void heartbeatReportRun(this.pool, run.id, progress).catch(() => undefined),
      HEARTBEAT_MS,
    );
    const started = performance.now();
    try {
      this.logger.info(
        { report: run.id, type: run.type, cluster: run.cluster, attempt: run.attempts },
        'report run started',
      );
      const report = await runReportInWorker(
        {
          databaseUrl: connectionStringOf(this.pool),
          id: run.id,
          type: run.type,
          cluster: run.cluster,
          from: run.from,
          to: run.to,
          format: run.format,
          generatedAt: run.startedAt ?? new Date().toISOString(),
          version: this.options.version,
          rbacMode: this.options.rbacMode,
          ...(this.options.tierOwners ? { tierOwners: this.options.tierOwners } : {}),
          output: { kind: 'database', runId: run.id },
        },
        {
          onProgress: (done) => {
            progress = done;
          },
        },
      );
      await completeReportRun(this.pool, run.id, report);
      const labels = { type: run.type, format: run.format };
      this.metrics.runs.inc({ ...labels, result: 'succeeded' });
      this.metrics.seconds.observe(labels, (performance.now() - started) / 1000);
      this.metrics.bytes.inc({ format: run.format }, report.size);
      this.logger.info(
        {
          report: run.id,
          size: report.size,
          seconds: Math.round(performance.now() - started) / 1000,
        },
        'report run succeeded',
      );
    } catch (error) {
      this.metrics.runs.inc({ type: run.type, format: run.format, result: 'failed' });
      const status = await failReportRun(
        this.pool,
        run.id,
        (error as Error).message,
        RETRY_AFTER_SECONDS,
      ).catch(() => 'unknown');
      this.logger.error({ err: error, report: run.id, status }, 'report run failed');
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async startScheduledRuns(): Promise<void> {
    if (this.stopping) return;
    try {
      await inTransaction(this.pool, async (client) => {
        for (const schedule of await lockDueSchedules(client)) {
          const fire = new Date(schedule.nextRunAt);
          const period = periodEndingAt(schedule.cron, fire);
          let lastError: string | null = null;
          let reportId: string | null = null;
          try {
            const run = await enqueueReportRun(client, {
              id: randomUUID(),
              type: schedule.type,
              cluster: schedule.cluster,
              from: period.from.toISOString(),
              to: period.to.toISOString(),
              format: schedule.format,
              requestedBy: `schedule:${schedule.name}`,
              retentionDays: schedule.retentionDays,
              maxAttempts: this.options.maxAttempts,
              scheduleId: schedule.id,
            });
            reportId = run?.id ?? null;
          } catch (error) {
            lastError = (error as Error).message;
          }
          const next = nextFire(schedule.cron, fire);
          await advanceReportSchedule(client, schedule.id, {
            nextRunAt: (next ?? new Date(8_640_000_000_000_000)).toISOString(),
            lastReportId: reportId,
            lastError,
          });
          this.logger.info(
            { schedule: schedule.name, from: period.from, to: period.to, report: reportId },
            'scheduled report run queued',
          );
        }
      });
      this.nudge();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not start scheduled report runs');
    }
  }

  private async housekeep(): Promise<void> {
    try {
      const abandoned = await failAbandonedRuns(this.pool, this.options.staleSeconds);
      const expired = await deleteExpiredReportRuns(this.pool);
      if (abandoned + expired > 0) this.logger.info({ abandoned, expired }, 'report housekeeping');
    } catch (error) {
      this.logger.warn({ err: error }, 'report housekeeping failed');
    }
  }
}
