import { type TrackedKind, toMicroTime, trackedKindOf } from '@policy-ledger/audit';
import { z } from 'zod';

const CLUSTER = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;

export const clusterParam = z
  .string()
  .regex(CLUSTER, 'must be a cluster name (a DNS label)')
  .optional()
  .describe('Defaults to the configured default cluster');

/** RFC 3339, normalised to microseconds UTC. */
export const timeParam = z
  .string()
  .transform((value, ctx) => {
    const micro = toMicroTime(value);
    if (!micro) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an RFC 3339 time, e.g. 2026-03-01T00:00:00Z',
      });
      return z.NEVER;
    }
    return micro;
  })
  .describe('RFC 3339 time');

/** A tracked resource in kubectl form: `globalnetworkpolicies.projectcalico.org`, `namespaces`. */
export const resourceParam = z
  .string()
  .transform((value, ctx): TrackedKind => {
    const dot = value.indexOf('.');
    const kind =
      dot < 0 ? trackedKindOf('', value) : trackedKindOf(value.slice(dot + 1), value.slice(0, dot));
    if (!kind) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a tracked resource (kubectl form, e.g. networkpolicies.projectcalico.org)`,
      });
      return z.NEVER;
    }
    return kind;
  })
  .describe('A tracked resource in kubectl form, e.g. globalnetworkpolicies.projectcalico.org');

const limitParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(1000)
  .default(100)
  .describe('Page size, at most 1000');
const name = z.string().min(1).max(253);

export const OUTCOMES = ['applied', 'denied', 'failed', 'dryrun'] as const;

/** The longest time range one query may cover. */
export const MAX_RANGE_DAYS = 400;

/** GET /v1/changes and its live tail. */
export const changeQuerySchema = z
  .object({
    cluster: clusterParam,
    resource: resourceParam.optional(),
    namespace: name.optional(),
    name: name.optional(),
    tier: name.optional(),
    actor: name.optional().describe('A user name: matches the effective user or the impersonator'),
    verb: z.enum(['create', 'update', 'patch', 'delete', 'deletecollection', 'observe']).optional(),
    outcome: z.enum(OUTCOMES).optional(),
    from: timeParam.optional().describe('Inclusive'),
    to: timeParam.optional().describe('Exclusive'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: limitParam,
    cursor: z.string().max(2000).optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.from && query.to) {
      if (query.to <= query.from)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
      else if (Date.parse(query.to) - Date.parse(query.from) > MAX_RANGE_DAYS * 86_400_000) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: `the range from..to may span at most ${MAX_RANGE_DAYS} days`,
        });
      }
    }
  });

export type ChangeQuery = z.output<typeof changeQuerySchema>;

export const objectPathSchema = z.object({ resource: resourceParam, name });

export const objectQuerySchema = z
  .object({
    cluster: clusterParam,
    namespace: name.optional(),
    at: timeParam.optional().describe('Default: now'),
  })
  .strict();

export const historyQuerySchema = z
  .object({
    cluster: clusterParam,
    namespace: name.optional(),
    limit: limitParam,
    cursor: z.string().max(2000).optional(),
  })
  .strict();

export const inventoryQuerySchema = z
  .object({
    cluster: clusterParam,
    at: timeParam.optional().describe('Default: now'),
    tier: name.optional(),
    namespace: name.optional(),
    limit: limitParam,
    cursor: z.string().max(2000).optional(),
  })
  .strict();

export const integrityQuerySchema = z
  .object({ full: z.enum(['true', 'false']).optional().describe('Recompute the whole chain now') })
  .strict();
