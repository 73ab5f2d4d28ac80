/** Whole synthetic report models, built from the synthetic clusters by this lib's own functions. */
import { buildInventorySection } from '../build-inventory-section';
import { countBySeverity } from '../count-by-severity';
import { evaluateFindings } from '../evaluate-findings';
import { evaluateThreats } from '../evaluate-threats';
import { postureScore } from '../posture-score';
import {
  type ChangeRow,
  changeRowsOf,
  type DeniedAttemptsByActor,
  type ReportMeta,
  type ReportModel,
  type Rows,
} from '../report-model';
import { summariseTrailCompleteness } from '../summarise-trail-completeness';
import { neglectedCluster, SYNTHETIC_CLUSTER } from './synthetic-inventory';

export function rowsOf<T>(rows: readonly T[]): Rows<T> {
  return {
    count: rows.length,
    open: async function* () {
      yield* rows;
    },
  };
}

export function syntheticChange(index: number): ChangeRow {
  return {
    id: `synthetic-change-${index}`,
    cluster: SYNTHETIC_CLUSTER,
    occurredAt: new Date(Date.UTC(2026, 2, 1) + index * 60_000).toISOString(),
    actor: index % 7 === 0 ? null : `user-${index % 5}@example.com`,
    ...(index % 11 === 0 ? { impersonatedBy: 'admin@example.com' } : {}),
    sourceIp: '10.0.0.7',
    verb: index % 3 === 0 ? 'patch' : 'update',
    outcome: index % 13 === 0 ? 'denied' : 'applied',
    action: 'modified',
    resource: 'globalnetworkpolicies.projectcalico.org',
    name: `policy-${index % 17}`,
    tier: 'default',
    risk: index % 2 === 0 ? 'high' : 'low',
    summary: [`Egress rule 1 now allows "0.0.0.0/0", port 443`, 'order 100 → 50; selector all()'],
    auditId: `synthetic-audit-${index}`,
    positions: [index * 2, index * 2 + 1],
    version: index + 1,
    cascade: false,
    directCrd: index % 19 === 0,
  };
}

const denied: DeniedAttemptsByActor[] = [
  {
    cluster: SYNTHETIC_CLUSTER,
    actor: 'mallory@example.com',
    denied: 3,
    failed: 1,
    targets: [
      'tiers.projectcalico.org security',
      'globalnetworkpolicies.projectcalico.org default-deny',
    ],
    auditIds: ['synthetic-denied-1'],
  },
];

function meta<T extends ReportMeta['type']>(type: T): ReportMeta & { type: T } {
  return {
    id: `synthetic-${type}-2026-03`,
    type,
    title: `Synthetic ${type} report, "prod", March 2026`,
    scope: { cluster: SYNTHETIC_CLUSTER, from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' },
    generatedAt: '2026-04-01T06:00:00Z',
    ledger: { position: 123456, hash: 'c0ffee', verified: true, firstBrokenAt: null },
    generator: { name: 'policy-ledger', version: '0.1.0' },
  };
}

export function syntheticComplianceModel(
  changes: Rows<ChangeRow> = rowsOf([1, 2, 3].map(syntheticChange)),
): ReportModel {
  const inputs = neglectedCluster();
  const findings = evaluateFindings(inputs);
  return {
    meta: meta('compliance'),
    compliance: {
      summary: {
        postureScore: postureScore(findings),
        findingsBySeverity: countBySeverity(findings),
        changesByOutcome: { applied: 2, denied: 1, failed: 0, dryrun: 0 },
        topActors: [{ actor: 'user-1@example.com', changes: 2, denied: 0 }],
        trend: {
          previous: {
            cluster: SYNTHETIC_CLUSTER,
            from: '2026-02-01T00:00:00Z',
            to: '2026-03-01T00:00:00Z',
          },
          changesByOutcome: { applied: 5, denied: 0, failed: 1, dryrun: 2 },
        },
        changesPerDay: [{ day: '2026-03-01', applied: 2, denied: 1, failed: 0, dryrun: 0 }],
      },
      inventory: buildInventorySection(inputs.inventory),
      policyAudit: {
        countsPerTier: [
          { cluster: SYNTHETIC_CLUSTER, tier: 'default', created: 1, modified: 2, deleted: 0 },
        ],
        changes: changeRowsOf(changes),
        deniedAndFailed: denied,
      },
      accessControl: inputs.tierAccess,
      findings,
      trailCompleteness: summariseTrailCompleteness([
        {
          cluster: SYNTHETIC_CLUSTER,
          resource: 'globalnetworkpolicies.projectcalico.org',
          events: 3,
          metadataOnly: 1,
          truncated: 0,
          unknownStates: 0,
          deadLetters: 0,
          expectsBodies: true,
        },
        {
          cluster: SYNTHETIC_CLUSTER,
          resource: 'tiers.projectcalico.org',
          events: 0,
          metadataOnly: 0,
          truncated: 0,
          unknownStates: 0,
          deadLetters: 0,
          expectsBodies: true,
        },
      ]),
    },
  };
}

export function syntheticThreatModel(): ReportModel {
  const inputs = neglectedCluster();
  const findings = evaluateFindings(inputs);
  return {
    meta: meta('threat-model'),
    threatModel: {
      threats: evaluateThreats({
        ...inputs,
        findings,
        deniedAndFailed: denied,
        trailCompleteness: [],
      }),
      findings,
      accessControl: inputs.tierAccess,
      deniedAndFailed: denied,
    },
  };
}
