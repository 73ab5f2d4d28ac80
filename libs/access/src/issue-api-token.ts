import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ApiToken } from './api-token';
import { generateApiTokenSecret, hashApiTokenSecret } from './api-token-secret';
import { isClusterName } from './is-cluster-name';
import { parseExpiresIn } from './parse-expires-in';

/** Tokens expire unless asked otherwise: a forgotten token should not work forever. */
export const DEFAULT_EXPIRES_IN = '90d';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// No transforms: the schema may run twice (the route's own pipe and the global one) and must be idempotent.
export const apiTokenRequestSchema = z.strictObject({
  name: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/,
      'must be 1 to 100 letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
    )
    .refine((v) => !UUID.test(v), 'must not look like a token id (a UUID)'),
  role: z.enum(['auditor', 'soc', 'admin']),
  expiresIn: z
    .string()
    .superRefine((v, ctx) => {
      const parsed = parseExpiresIn(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
    })
    .optional(),
  clusters: z
    .array(z.string().refine(isClusterName, 'must be a cluster name (a DNS label)'))
    .min(1, 'must name at least one cluster (leave it out for every cluster)')
    .max(100)
    .optional(),
});

export type ApiTokenRequest = z.output<typeof apiTokenRequestSchema>;

export interface IssuedApiToken {
  token: ApiToken;
  /** The only time the secret exists outside the caller's hands. */
  secret: string;
  hash: Buffer;
}

/** A new token for a validated request; the caller stores `token` and `hash`, and shows `secret` once. */
export function issueApiToken(
  request: ApiTokenRequest,
  context: { now: Date; createdBy: string },
): IssuedApiToken {
  const expiresIn = parseExpiresIn(request.expiresIn ?? DEFAULT_EXPIRES_IN);
  if (!expiresIn.ok) throw new RangeError(`expiresIn: ${expiresIn.reason}`);
  const secret = generateApiTokenSecret();
  return {
    token: {
      id: randomUUID(),
      name: request.name,
      role: request.role,
      clusters: request.clusters ? [...new Set(request.clusters)].sort() : null,
      createdAt: context.now,
      createdBy: context.createdBy,
      expiresAt: expiresIn.ms === null ? null : new Date(context.now.getTime() + expiresIn.ms),
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    },
    secret,
    hash: hashApiTokenSecret(secret),
  };
}

/** A principal limited to some clusters may only hand out tokens limited to those clusters. */
export function mayGrantClusters(
  granterClusters: readonly string[] | null,
  requested: readonly string[] | undefined,
): boolean {
  if (granterClusters === null) return true;
  return requested?.every((c) => granterClusters.includes(c)) ?? false;
}

export function isTokenId(value: string): boolean {
  return UUID.test(value);
}
