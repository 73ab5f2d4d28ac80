import { z } from 'zod';

/** Semantic version of the JSON document: minor for added fields, major for changed or removed ones. */
export const REPORT_JSON_SCHEMA_VERSION = '1.0.0';

const severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
const outcome = z.enum(['applied', 'denied', 'failed', 'dryrun']);
const time = z.string().describe('RFC 3339 time');
const outcomeCounts = z.object({
  applied: z.number(),
  denied: z.number(),
  failed: z.number(),
  dryrun: z.number(),
});
const severityCounts = z.object({
  critical: z.number(),
  high: z.number(),
  medium: z.number(),
  low: z.number(),
  info: z.number(),
});

const scope = z.object({
  cluster: z.string().nullable().describe('null: every cluster'),
  from: time,
  to: time.describe('RFC 3339 time, exclusive'),
});

const meta = z.object({
  id: z.string().describe('Stable report id; appears on every PDF page and in file names'),
  type: z.enum(['compliance', 'threat-model']),
  title: z.string(),
  scope,
  generatedAt: time,
  ledger: z
    .object({
      position: z.number().int(),
      hash: z.string(),
      verified: z.boolean(),
      firstBrokenAt: z.number().int().nullable(),
    })
    .describe(
      'Where in the ledger the report was computed, and whether the hash chain verified up to there',
    ),
  generator: z.object({ name: z.string(), version: z.string() }),
});

const evidence = z
  .object({
    objects: z
      .array(
        z.object({
          cluster: z.string(),
          resource: z.string().describe('kubectl form, e.g. networkpolicies.projectcalico.org'),
          namespace: z.string().optional(),
          name: z.string(),
          version: z.number().int().optional(),
        }),
      )
      .optional(),
    auditIds: z.array(z.string()).optional(),
    positions: z.array(z.number().int()).optional().describe('Ledger positions'),
    note: z.string().optional(),
  })
  .describe('Pointers to the ledger behind a statement');

const finding = z.object({
  id: z.string().describe('Rule id and sequence, e.g. PL-NET-001-1'),
  ruleId: z.string(),
  title: z.string(),
  severity,
  cluster: z.string(),
  description: z.string(),
  evidence,
  fix: z.string(),
  references: z.array(z.string()),
});

const subject = z.object({
  kind: z.enum(['User', 'Group', 'ServiceAccount']),
  name: z.string(),
  namespace: z.string().optional(),
});

const accessEntry = z.object({
  subject,
  description: z.string().optional(),
  verbs: z.array(z.string()),
  kinds: z.array(z.string()),
  scope: z.union([z.literal('cluster'), z.object({ namespaces: z.array(z.string()) })]),
  names: z.union([z.literal('all'), z.array(z.string())]),
  via: z.array(z.string()),
  observedMembers: z.array(z.string()).optional(),
});

const tierAccess = z.object({
  cluster: z.string(),
  tier: z.string(),
  policyEditors: z.array(accessEntry),
  tierModifiers: z.array(accessEntry),
  indirect: z.array(
    z.object({
      subject,
      path: z.enum([
        'escalate',
        'bind',
        'rbac-write',
        'impersonate',
        'crd-write',
        'system:masters',
      ]),
      detail: z.string(),
    }),
  ),
  caveats: z.array(z.string()),
  gained: z.array(subject),
  lost: z.array(subject),
  outsideOwners: z.array(subject).optional(),
});

const deniedAttempts = z.object({
  cluster: z.string(),
  actor: z.string(),
  denied: z.number().int(),
  failed: z.number().int(),
  targets: z.array(z.string()),
  auditIds: z.array(z.string()),
});

const completeness = z.object({
  cluster: z.string(),
  resource: z.string(),
  complete: z.boolean(),
  events: z.number().int(),
  metadataOnly: z.number().int(),
  truncated: z.number().int(),
  unknownStates: z.number().int(),
  deadLetters: z.number().int(),
  notes: z.array(z.string()),
});

const change = z.object({
  id: z.string(),
  cluster: z.string(),
  occurredAt: time,
  actor: z.string().nullable(),
  impersonatedBy: z.string().optional(),
  sourceIp: z.string().optional(),
  verb: z.string(),
  outcome,
  action: z.string(),
  resource: z.string(),
  namespace: z.string().optional(),
  name: z.string().optional(),
  tier: z.string().optional(),
  risk: z.enum(['low', 'medium', 'high']).optional(),
  summary: z.array(z.string()),
  auditId: z.string().optional(),
  positions: z.array(z.number().int()),
  version: z.number().int().optional(),
  cascade: z.boolean(),
  directCrd: z.boolean(),
});

const compliance = z.object({
  summary: z.object({
    postureScore: z.number().min(0).max(100),
    findingsBySeverity: severityCounts,
    changesByOutcome: outcomeCounts,
    topActors: z.array(
      z.object({ actor: z.string(), changes: z.number().int(), denied: z.number().int() }),
    ),
    trend: z.object({ previous: scope, changesByOutcome: outcomeCounts }),
    changesPerDay: z.array(
      outcomeCounts.extend({ day: z.string().describe('UTC day, YYYY-MM-DD') }),
    ),
  }),
  inventory: z.object({
    tiers: z.array(
      z.object({
        cluster: z.string(),
        name: z.string(),
        order: z.number().optional(),
        defaultAction: z.string(),
        policies: z.number().int(),
        version: z.number().int().describe('0 for the implicit default tier'),
        since: z.string(),
      }),
    ),
    policies: z.array(
      z.object({
        cluster: z.string(),
        tier: z.string(),
        tierOrder: z.number().optional(),
        kind: z.string(),
        namespace: z.string().optional(),
        name: z.string(),
        order: z.number().optional(),
        selector: z.string(),
        types: z.array(z.string()),
        actionsUsed: z.array(z.string()),
        ruleCount: z.number().int(),
        staged: z.boolean(),
        enforced: z.boolean(),
        version: z.number().int(),
        since: time,
        stateKnown: z.boolean(),
      }),
    ),
    networkSets: z.array(
      z.object({
        cluster: z.string(),
        kind: z.string(),
        namespace: z.string().optional(),
        name: z.string(),
        nets: z.number().int(),
        domains: z.number().int(),
        labels: z.record(z.string(), z.string()),
      }),
    ),
  }),
  policyAudit: z.object({
    countsPerTier: z.array(
      z.object({
        cluster: z.string(),
        tier: z.string(),
        created: z.number().int(),
        modified: z.number().int(),
        deleted: z.number().int(),
      }),
    ),
    changes: z.array(change).describe('Every change of the period, in ledger order (streamed)'),
    deniedAndFailed: z.array(deniedAttempts),
  }),
  accessControl: z.array(tierAccess),
  findings: z.array(finding),
  trailCompleteness: z.array(completeness),
});

const threat = z.object({
  threat: z.string(),
  expectedMitigation: z.string(),
  evidence: z.array(z.string()),
  evidenceRefs: evidence,
  status: z.enum(['mitigated', 'partial', 'not-mitigated', 'not-observable']),
  why: z.string(),
  recommendation: z.string(),
});

const threatModel = z.object({
  threats: z.array(threat),
  findings: z.array(finding),
  accessControl: z.array(tierAccess),
  deniedAndFailed: z.array(deniedAttempts),
});

const version = z.literal(REPORT_JSON_SCHEMA_VERSION);

/** The JSON document reportJsonChunks writes: a compliance report or a threat-model report. */
export const reportJsonDocument = z.union([
  z.object({
    schemaVersion: version,
    meta: meta.extend({ type: z.literal('compliance') }),
    compliance,
  }),
  z.object({
    schemaVersion: version,
    meta: meta.extend({ type: z.literal('threat-model') }),
    threatModel,
  }),
]);

export type ReportJsonDocument = z.infer<typeof reportJsonDocument>;

/** JSON Schema (draft 2020-12) of the document, for the automation that consumes it. */
export function describeReportJson(): Record<string, unknown> {
  return {
    $id: `urn:policy-ledger:report:${REPORT_JSON_SCHEMA_VERSION}`,
    title: 'Policy Ledger report',
    description:
      'A compliance or threat-model report. Every statement carries evidence (audit IDs, ledger positions). Object keys are sorted below the top level; unknown fields may appear in later minor versions.',
    ...z.toJSONSchema(reportJsonDocument, { target: 'draft-2020-12' }),
  };
}
