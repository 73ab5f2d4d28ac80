import { z } from 'zod';

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL');

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const brokers = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.length > 0 && list.every((b) => /^[^\s:]+:\d+$/.test(b)),
    'must be host:port[,host:port...]',
  );

const clusterName = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/,
    'must be a DNS label (lower-case letters, digits, "-" and ".")',
  );

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** TOPIC_CLUSTERS="audit.prod=prod,audit.staging=staging": which cluster a topic's events come from. */
const topicClusters = z.string().transform((v, ctx) => {
  const map: Record<string, string> = {};
  for (const pair of v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [topic, cluster] = pair.split('=').map((s) => s.trim());
    if (!topic || !cluster || !clusterName.safeParse(cluster).success) {
      ctx.addIssue({
        code: 'custom',
        message: `"${pair}" is not topic=cluster with a DNS-label cluster name`,
      });
      return z.NEVER;
    }
    map[topic] = cluster;
  }
  return map;
});

/** TIER_OWNERS="security=group:netsec|user:alice;platform=group:platform-team": who is meant to edit each tier. */
const tierOwners = z.string().transform((value, ctx) => {
  const owners: Record<string, string[]> = {};
  for (const entry of value
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [tier, list] = entry.split('=').map((s) => s.trim());
    const subjects = (list ?? '')
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    if (
      !tier ||
      subjects.length === 0 ||
      !subjects.every((s) => /^(user|group|serviceaccount):\S+$/i.test(s))
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not tier=kind:name|kind:name (kinds: user, group, serviceaccount)`,
      });
      return z.NEVER;
    }
    owners[tier] = subjects;
  }
  return owners;
});

const common = {
  DATABASE_URL: postgresUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  DEFAULT_CLUSTER: clusterName.default('default'),
  HOST: z.string().default('0.0.0.0'),
};

export const ingestorConfigSchema = z.object({
  ...common,
  PORT: port(9464),
  KAFKA_BROKERS: brokers,
  KAFKA_CLIENT_ID: z.string().default('policy-ledger-ingestor'),
  KAFKA_GROUP_ID: z.string().default('policy-ledger-ingestor'),
  AUDIT_TOPICS: z
    .string()
    .default('k8s.audit')
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  TOPIC_CLUSTERS: topicClusters.default({}),
  DLQ_TOPIC_SUFFIX: z.string().default('.dlq'),
  KAFKA_SSL: booleanFlag.default(false),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  INGEST_CHUNK_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  KAFKA_REBALANCE_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(600_000).default(60_000),
  FROM_BEGINNING: booleanFlag.default(true),
});
export type IngestorConfig = z.output<typeof ingestorConfigSchema>;

const roleName = z.enum(['auditor', 'soc', 'admin']);

/** OIDC_ROLE_MAP="netsec-auditors=auditor,soc-team=soc": which Policy Ledger role a group claim grants. */
const oidcRoleMap = z.string().transform((v, ctx) => {
  const map: Record<string, z.output<typeof roleName>> = {};
  for (const pair of v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.lastIndexOf('=');
    const group = pair.slice(0, eq).trim();
    const role = roleName.safeParse(pair.slice(eq + 1).trim());
    if (eq <= 0 || !group || !role.success) {
      ctx.addIssue({
        code: 'custom',
        message: `"${pair}" is not group=role with a role of auditor, soc or admin`,
      });
      return z.NEVER;
    }
    map[group] = role.data;
  }
  return map;
});

const commaList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

// Asymmetric algorithms only: a shared-secret (HS*) algorithm has no place next to a public JWKS.
const jwsAlgorithms = commaList.pipe(
  z
    .array(
      z.enum([
        'RS256',
        'RS384',
        'RS512',
        'PS256',
        'PS384',
        'PS512',
        'ES256',
        'ES384',
        'ES512',
        'EdDSA',
        'Ed25519',
      ]),
    )
    .min(1),
);

export const apiConfigSchema = z
  .object({
    ...common,
    PORT: port(8080),
    OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_AUDIENCE: commaList.optional(),
    OIDC_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_ROLES_CLAIM: z.string().default('groups'),
    OIDC_ROLE_MAP: oidcRoleMap.optional(),
    OIDC_CLUSTERS_CLAIM: z.string().optional(),
    OIDC_ALGORITHMS: jwsAlgorithms.default(['RS256', 'PS256', 'ES256', 'EdDSA']),
    OIDC_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    RBAC_MODE: z.enum(['apiserver', 'webhook']).default('apiserver'),
    REPORT_WORKERS: z.coerce.number().int().min(0).max(16).default(1),
    REPORT_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
    REPORT_SCHEDULE_EVERY_MS: z.coerce.number().int().min(200).max(600_000).default(30_000),
    REPORT_STALE_SECONDS: z.coerce.number().int().min(10).max(3_600).default(120),
    REPORT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    REPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(91),
    TIER_OWNERS: tierOwners.optional(),
  })
  .superRefine(
    (config, ctx) => {
      if (!config.OIDC_ISSUER) return;
      // Without an audience check, a token the same issuer minted for any other application would do.
      if (!config.OIDC_AUDIENCE?.length)
        ctx.addIssue({
          code: 'custom',
          path: ['OIDC_AUDIENCE'],
          message: 'required when OIDC_ISSUER is set',
        });
      if (!config.OIDC_ROLE_MAP || Object.keys(config.OIDC_ROLE_MAP).length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['OIDC_ROLE_MAP'],
          message: 'required when OIDC_ISSUER is set',
        });
    },
    { when: () => true },
  );
export type ApiConfig = z.output<typeof apiConfigSchema>;
