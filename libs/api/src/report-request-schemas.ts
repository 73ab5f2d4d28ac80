import { Cron } from 'croner';
import { z } from 'zod';
import { clusterParam, timeParam } from './query-schemas';

/** The longest period one report may cover. */
export const MAX_REPORT_DAYS = 400;

const time = timeParam;
const cluster = clusterParam.describe('Omit for a report over every cluster');

const type = z.enum(['compliance', 'threat-model']);
const format = z.enum(['pdf', 'json', 'csv']).default('pdf');

/** POST /v1/reports: one report of a period [from, to). */
export const reportRequestSchema = z
  .object({ type, cluster, from: time, to: time, format })
  .strict()
  .superRefine((r, ctx) => {
    if (r.to <= r.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (Date.parse(r.to) - Date.parse(r.from) > MAX_REPORT_DAYS * 86_400_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `a report covers at most ${MAX_REPORT_DAYS} days`,
      });
    }
  });

/** A cron expression croner accepts (5 or 6 fields, UTC). */
export const cronExpression = z
  .string()
  .min(9)
  .max(120)
  .refine((expression) => {
    try {
      new Cron(expression, { paused: true, timezone: 'UTC' }).stop();
      return true;
    } catch {
      return false;
    }
  }, 'must be a cron expression, e.g. "0 6 1 * *" (06:00 UTC on the first of each month)');

/** POST /v1/report-schedules: a report run on a schedule, each run covering the period since the last. */
export const reportScheduleSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a DNS label'),
    cron: cronExpression,
    type,
    cluster,
    format,
    retentionDays: z.number().int().min(1).max(3650).default(91),
    delayMinutes: z
      .number()
      .int()
      .min(0)
      .max(10_080)
      .default(30)
      .describe('Wait this long past the period end, so late events are in'),
  })
  .strict();

export const reportListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

export const idPathSchema = z.object({ id: z.uuid('must be a report id (a UUID)') });

/** When a cron schedule fires next after `after`, and the period a run at `fire` covers. */
export function nextFire(expression: string, after: Date): Date | null {
  return new Cron(expression, { paused: true, timezone: 'UTC' }).nextRun(after);
}

export function periodEndingAt(expression: string, fire: Date): { from: Date; to: Date } {
  const previous = new Cron(expression, { paused: true, timezone: 'UTC' }).previousRuns(1, fire)[0];
  return { from: previous ?? new Date(fire.getTime() - 86_400_000), to: fire };
}
