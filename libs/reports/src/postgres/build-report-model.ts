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
  LedgerHead,
  ReportDraft,
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

/** A promise already under way, whose failure is not unhandled before it is awaited. */
function started<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** What a compliance report counts over the period and the one before it. */
async function compliancePeriodFacts(db: pg.Pool, scope: ReportScope) {
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
  return { previous, changesByOutcome, previousByOutcome, actors, perDay, perTier, changes };
}

function titleOf(type: ReportType, scope: ReportScope): string {
  const what =
    type === 'compliance' ? 'Network policy compliance report' : 'Network security threat model';
  return `${what} — ${scope.cluster ?? 'all clusters'}`;
}

/**
 * Gathers everything a report states from the ledger, anchored to `head`: the inventory at the
 * period end, RBAC answers at both ends of the period, the period's changes (streamed, not
 * loaded), denied attempts, trail completeness, findings and, for threat models, the threat
 * table. Everything but whether the chain up to `head` verifies, which the caller checks
 * (produceReport, in a thread of its own while the draft is built and rendered).
 */
export async function buildReportDraft(
  db: pg.Pool,
  request: ReportRequest,
  head: LedgerHead,
  options: BuildOptions,
): Promise<ReportDraft> {
  const progress = options.onProgress ?? (() => undefined);
  const scope: ReportScope = { cluster: request.cluster, from: request.from, to: request.to };
  progress('reading the inventory', 0, 4);
  const clusters = scope.cluster ? [scope.cluster] : await knownClusters(db);
  const inventory = await inventoryAt(db, { cluster: scope.cluster, at: scope.to });
  // The period's aggregates need neither inventory nor RBAC: PostgreSQL computes them while the
  // posture is assessed here. Each is awaited below, or dropped with the draft if that fails.
  const periodFacts = started(Promise.all([deniedAndFailed(db, scope), trailStats(db, scope)]));
  const complianceFacts =
    request.type === 'compliance' ? started(compliancePeriodFacts(db, scope)) : undefined;
  progress('evaluating access and findings', 1, 4);
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
  progress('summarising the period', 2, 4);
  const [denied, stats] = await periodFacts;
  const trailCompleteness = summariseTrailCompleteness(stats);
  const meta = {
    id: options.id,
    title: titleOf(request.type, scope),
    scope,
    generatedAt: options.generatedAt,
    ledger: { position: head.position, hash: head.hash },
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
    progress('done', 4, 4);
    return {
      meta: { ...meta, type: 'threat-model' },
      threatModel: { threats, findings, accessControl, deniedAndFailed: denied },
    };
  }
  const { previous, changesByOutcome, previousByOutcome, actors, perDay, perTier, changes } =
    await complianceFacts!;
  progress('done', 4, 4);
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
