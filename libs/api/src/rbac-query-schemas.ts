import { z } from 'zod';
import { clusterParam, timeParam } from './query-schemas';

const name = z.string().min(1).max(253);
const verb = z
  .string()
  .regex(/^[a-z*]+$/, 'must be a lower-case Kubernetes verb, e.g. update')
  .max(64);
const resource = z
  .string()
  .regex(
    /^[a-z0-9*]+(\.[a-z0-9.-]+)?(\/[a-z*]+)?$/,
    'must be in kubectl form, e.g. networkpolicies.projectcalico.org',
  )
  .max(253)
  .describe(
    'kubectl form, e.g. networkpolicies.projectcalico.org, tiers.projectcalico.org, networkpolicies.networking.k8s.io',
  );
const mode = z
  .enum(['apiserver', 'webhook'])
  .optional()
  .describe('Calico aggregated API server (default) or the 3.32+ admission webhook');

export const whoCanQuerySchema = z
  .object({
    cluster: clusterParam,
    verb,
    resource,
    tier: name.optional(),
    namespace: name.optional(),
    name: name.optional(),
    at: timeParam.optional(),
    mode,
  })
  .strict();

export const tierEditorsQuerySchema = z
  .object({ cluster: clusterParam, at: timeParam.optional(), mode })
  .strict();

export const tierPathSchema = z.object({
  tier: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
      'must be a tier name (a DNS label without dots)',
    ),
});

export const matrixQuerySchema = tierEditorsQuerySchema;

export const canIBodySchema = z
  .object({
    cluster: clusterParam,
    user: z.string().min(1).max(512),
    groups: z.array(z.string().min(1).max(512)).max(200).default([]),
    verb,
    resource,
    tier: name.optional(),
    namespace: name.optional(),
    name: name.optional(),
    newTier: name.optional(),
    at: timeParam.optional(),
    mode,
  })
  .strict();
