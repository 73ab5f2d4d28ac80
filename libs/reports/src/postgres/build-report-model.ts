import { verifyLedger } from '@policy-ledger/ledger';
import { type RbacMode, rbacEngineAt } from '@policy-ledger/rbac';
import type pg from 'pg';
import { buildInventorySection } from '../build-inventory-section';
import { countBySeverity } from '../count-by-severity';
import { evaluateFindings } from '../evaluate-findings';
import { evaluateThreats } from '../evaluate-threats';
import type { PostureOptions } from '../posture-inputs';
import { postureScore } from '../posture-score';
import type {
  Finding,
  InventoryObject,
  LedgerAnchor,
  ReportModel,
  ReportScope,
  ReportType,
  TierAccess,
} from '../report-model';
import { summariseTrailCompleteness } from '../summarise-trail-completeness';
import { tierAccessOf } from '../tier-access-of';
import { inventoryAt } from './inventory.repository';
import {
  changeRows,
  changesPerDay,
  countsPerTier,
  deniedAndFailed,
  knownClusters,
  outcomeCounts,
  topActors,
  trailStats,
} from './period-facts.repository';

export interface ReportRequest {
  type: ReportType;
  /** Null: every cluster the ledger knows. */
  cluster: string | null;
  from: string;
  to: string;
}

export interface BuildOptions {
  id: string;
  generatedAt: string;
  version: string;
  rbacMode?: RbacMode;
  /** Tier name → owners ("group:netsec", "user:alice", "serviceaccount:ns/name"). */
  tierOwners?: Record<string, string[]>;
  posture?: PostureOptions;
  onProgress?: (step: string, done: number, total: number) => void;
}

/** The ledger's head and whether the chain up to it verifies: what the report is anchored to. */
async function anchorOf(db: pg.Pool): Promise<LedgerAnchor> {
  const verification = await verifyLedger(db);
  return {
    position: verification.head.position,
    hash: verification.head.hash,
    verified: verification.verified,
    firstBrokenAt: verification.firstBrokenAt,
  };
}

function tierNamesOf(inventory: readonly InventoryObject[]): string[] {
  const named = inventory
    .filter((o) => o.resource === 'tiers.projectcalico.org')
    .map((o) => o.name);
  return [...new Set([...named, 'default'])].sort();
}

/** One cluster's posture at the period end: its access control and its findings. */
async function assessCluster(
  db: pg.Pool,
  cluster: string,
  inventory: InventoryObject[],
  scope: ReportScope,
  options: BuildOptions,
) {
  const mode = options.rbacMode ?? 'apiserver';
  const [end, start] = await Promise.all([
    rbacEngineAt(db, cluster, { at: scope.to, mode }),
    rbacEngineAt(db, cluster, { at: scope.from, mode }),
  ]);
  const tierAccess: TierAccess[] = tierNamesOf(inventory).map((tier) =>
    tierAccessOf(
      cluster,
      end.tierEditors(tier),
      start.tierEditors(tier),
      options.tierOwners?.[tier],
    ),
  );
  const findings = evaluateFindings({
    cluster,
    at: scope.to,
    inventory,
    tierAccess,
    ...(options.posture ? { options: options.posture } : {}),
  });
  return { tierAccess, findings };
}

function previousPeriod(scope: ReportScope): ReportScope {
  const length = Date.parse(scope.to) - Date.parse(scope.from);
  return {
    cluster: scope.cluster,
    from: new Date(Date.parse(scope.from) - length).toISOString(),
    to: scope.from,
  };
}

function titleOf(type: ReportType, scope: ReportScope): string {
  const what =
    type === 'compliance' ? 'Network policy compliance report' : 'Network security threat model';
  return `${what} — ${scope.cluster ?? 'all clusters'}`;
}

/**
 * Gathers everything a report states from the ledger: the inventory at the period end, RBAC
 * answers at both ends of the period, the period's changes (streamed, not loaded), denied
 * attempts, trail completeness, findings and, for threat models, the threat table; anchored to
 * the ledger head whose chain it verified first.
 */
export async function buildReportModel(
  db: pg.Pool,
  request: ReportRequest,
  options: BuildOptions,
): Promise<ReportModel> {
  const progress = options.onProgress ?? (() => undefined);
  const scope: ReportScope = { cluster: request.cluster, from: request.from, to: request.to };
  // The chain is verified alongside the rest: PostgreSQL serves its pages while the model's
  // other queries and rules run. Awaited before the model is returned, never skipped.
  const anchoring = anchorOf(db);
  anchoring.catch(() => undefined);
  progress('reading the inventory', 0, 5);
  const clusters = scope.cluster ? [scope.cluster] : await knownClusters(db);
  const inventory = await inventoryAt(db, { cluster: scope.cluster, at: scope.to });
  progress('evaluating access and findings', 1, 5);
  const assessed: Array<{ tierAccess: TierAccess[]; findings: Finding[] }> = [];
  for (const cluster of clusters)
    assessed.push(
      await assessCluster(
        db,
        cluster,
        inventory.filter((o) => o.cluster === cluster),
        scope,
        options,
      ),
    );
  const findings: Finding[] = assessed.flatMap((a) => a.findings);
  const accessControl = assessed.flatMap((a) => a.tierAccess);
  progress('summarising the period', 2, 5);
  const [denied, stats] = await Promise.all([deniedAndFailed(db, scope), trailStats(db, scope)]);
  progress('verifying the hash chain', 3, 5);
  const ledger = await anchoring;
  const trailCompleteness = summariseTrailCompleteness(stats);
  const meta = {
    id: options.id,
    title: titleOf(request.type, scope),
    scope,
    generatedAt: options.generatedAt,
    ledger,
    generator: { name: 'Policy Ledger', version: options.version },
  };
  if (request.type === 'threat-model') {
    const threats = clusters.flatMap((cluster, i) =>
      evaluateThreats({
        cluster,
        at: scope.to,
        inventory: inventory.filter((o) => o.cluster === cluster),
        tierAccess: assessed[i]!.tierAccess,
        ...(options.posture ? { options: options.posture } : {}),
        findings: assessed[i]!.findings,
        deniedAndFailed: denied.filter((d) => d.cluster === cluster),
        trailCompleteness: trailCompleteness.filter((t) => t.cluster === cluster),
      }),
    );
    progress('done', 5, 5);
    return {
      meta: { ...meta, type: 'threat-model' },
      threatModel: { threats, findings, accessControl, deniedAndFailed: denied },
    };
  }
  const previous = previousPeriod(scope);
  const [changesByOutcome, previousByOutcome, actors, perDay, perTier, changes] = await Promise.all(
    [
      outcomeCounts(db, scope),
      outcomeCounts(db, previous),
      topActors(db, scope, 10),
      changesPerDay(db, scope),
      countsPerTier(db, scope),
      changeRows(db, scope),
    ],
  );
  progress('done', 5, 5);
  return {
    meta: { ...meta, type: 'compliance' },
    compliance: {
      summary: {
        postureScore: postureScore(findings),
        findingsBySeverity: countBySeverity(findings),
        changesByOutcome,
        topActors: actors,
        trend: { previous, changesByOutcome: previousByOutcome },
        changesPerDay: perDay,
      },
      inventory: buildInventorySection(inventory),
      policyAudit: { countsPerTier: perTier, changes, deniedAndFailed: denied },
      accessControl,
      findings,
      trailCompleteness,
    },
  };
}
