/**
 * The report model: what a compliance or threat-model report says, independent of its format.
 * JSON serialises it (what automation consumes), CSV writes its tables, PDF renders it. Every
 * statement carries the evidence behind it: audit IDs and ledger positions.
 */

export type ReportType = 'compliance' | 'threat-model';
export type ReportFormat = 'pdf' | 'json' | 'csv';
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type ChangeOutcome = 'applied' | 'denied' | 'failed' | 'dryrun';
export type Risk = 'low' | 'medium' | 'high';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const OUTCOMES: readonly ChangeOutcome[] = ['applied', 'denied', 'failed', 'dryrun'];

/** A period [from, to) of one cluster, or of every cluster when cluster is null. RFC 3339 times. */
export interface ReportScope {
  cluster: string | null;
  from: string;
  to: string;
}

/** The ledger's last entry when the report was computed: what it is anchored to. */
export interface LedgerHead {
  position: number;
  hash: string;
}

/** Whether the hash chain verified from the first entry up to the head. */
export interface ChainCheck {
  verified: boolean;
  firstBrokenAt: number | null;
}

/** Where in the ledger the report was computed, and whether the hash chain verified up to there. */
export interface LedgerAnchor extends LedgerHead, ChainCheck {}

/** `Ledger` is the anchor; a draft's anchor has no chain check yet (see ReportDraft). */
export interface ReportMeta<Ledger extends LedgerHead = LedgerAnchor> {
  /** Stable for the report: it appears on every PDF page and in file names. */
  id: string;
  type: ReportType;
  title: string;
  scope: ReportScope;
  /** Also the PDF's creation date: the same model renders to the same bytes. */
  generatedAt: string;
  ledger: Ledger;
  generator: { name: string; version: string };
}

/** Pointers from a statement to the ledger: enough for an assessor to pull the raw audit events. */
export interface Evidence {
  objects?: Array<{
    cluster: string;
    resource: string;
    namespace?: string;
    name: string;
    version?: number;
  }>;
  auditIds?: string[];
  positions?: number[];
  note?: string;
}

/** An object as the ledger knew it at the period end (kubectl-form resource, e.g. tiers.projectcalico.org). */
export interface InventoryObject {
  cluster: string;
  apiGroup: string;
  resource: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Null when the ledger does not know the state (a patch it could not replay). */
  object: Record<string, unknown> | null;
  version: number;
  /** When this version began. */
  since: string;
  stateKnown: boolean;
  unknownSince?: string;
  /** The change that produced this version, and its evidence. */
  auditId?: string;
  positions: number[];
}

export interface Finding {
  /** Unique in the report: rule id and a sequence, e.g. "PL-NET-001-1". */
  id: string;
  /** The best practice, e.g. "PL-NET-001" (no default deny). */
  ruleId: string;
  title: string;
  severity: Severity;
  cluster: string;
  /** What was found, in one or two sentences naming the objects. */
  description: string;
  evidence: Evidence;
  /** How to fix it, concretely. */
  fix: string;
  /** Where the practice comes from (seed documents, Calico docs, frameworks). */
  references: string[];
}

/** One change in the period, as the policy-audit table lists it. */
export interface ChangeRow {
  id: string;
  cluster: string;
  occurredAt: string;
  actor: string | null;
  impersonatedBy?: string;
  sourceIp?: string;
  verb: string;
  outcome: ChangeOutcome;
  action: string;
  /** kubectl form. */
  resource: string;
  namespace?: string;
  name?: string;
  tier?: string;
  risk?: Risk;
  /** The semantic diff's sentences. */
  summary: string[];
  auditId?: string;
  positions: number[];
  version?: number;
  cascade: boolean;
  directCrd: boolean;
}

/**
 * A table too big to hold in memory (the period's changes): opened as often as a renderer
 * needs, each time streaming rows from the database in order.
 */
export interface Rows<T> {
  count: number;
  open(): AsyncIterable<T>;
}

/** What the evidence appendix lists of a change. */
export type ChangeEvidence = Pick<
  ChangeRow,
  'id' | 'occurredAt' | 'auditId' | 'positions' | 'version'
>;

/**
 * The period's changes, and the same changes in the same order as evidence only: the appendix
 * streams all of them again, and reading only what it lists costs a fraction of whole rows.
 */
export interface ChangeRows extends Rows<ChangeRow> {
  evidence: Rows<ChangeEvidence>;
}

/** Change rows whose evidence is taken from the rows themselves: for rows already in hand. */
export function changeRowsOf(changes: Rows<ChangeRow>): ChangeRows {
  return {
    count: changes.count,
    open: () => changes.open(),
    evidence: { count: changes.count, open: () => changes.open() },
  };
}

export interface PolicyRow {
  cluster: string;
  tier: string;
  tierOrder?: number;
  kind: string;
  namespace?: string;
  name: string;
  order?: number;
  selector: string;
  types: string[];
  actionsUsed: string[];
  ruleCount: number;
  staged: boolean;
  enforced: boolean;
  version: number;
  since: string;
  stateKnown: boolean;
}

export interface TierRow {
  cluster: string;
  name: string;
  order?: number;
  defaultAction: string;
  policies: number;
  version: number;
  since: string;
}

export interface NetworkSetRow {
  cluster: string;
  kind: string;
  namespace?: string;
  name: string;
  nets: number;
  domains: number;
  labels: Record<string, string>;
}

export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
}

/** Who can do something to a tier, directly, and through which binding and role. */
export interface AccessEntry {
  subject: Subject;
  /** In words for special groups: "every authenticated user". */
  description?: string;
  verbs: string[];
  /** Policy kinds (plural resources) the entry covers; empty for the tier object itself. */
  kinds: string[];
  scope: 'cluster' | { namespaces: string[] };
  names: 'all' | string[];
  /** "ClusterRoleBinding netsec-edits → ClusterRole tier-security-editor (rule 2)". */
  via: string[];
  /** People seen presenting this group in audit events: observed, not authoritative. */
  observedMembers?: string[];
}

export interface IndirectAccess {
  subject: Subject;
  path:
    | 'escalate'
    | 'bind'
    | 'rbac-write'
    | 'impersonate'
    | 'crd-write'
    | 'webhook-write'
    | 'system:masters';
  detail: string;
}

export interface TierAccess {
  cluster: string;
  tier: string;
  policyEditors: AccessEntry[];
  tierModifiers: AccessEntry[];
  indirect: IndirectAccess[];
  caveats: string[];
  /** Subjects able to edit at the period end but not at its start, and the reverse. */
  gained: Subject[];
  lost: Subject[];
  /** Editors that are not among the tier's configured owners (only when owners are configured). */
  outsideOwners?: Subject[];
}

export interface CompletenessRow {
  cluster: string;
  resource: string;
  complete: boolean;
  events: number;
  /** Mutations logged at Metadata level (bodies expected but absent). */
  metadataOnly: number;
  truncated: number;
  /** Versions whose state the ledger could not reconstruct. */
  unknownStates: number;
  deadLetters: number;
  notes: string[];
}

export interface ThreatRow {
  threat: string;
  expectedMitigation: string;
  /** Sentences naming the objects, e.g. "GlobalNetworkPolicy default-deny, order 1000, selector all(), Ingress+Egress, since 2026-03-02, version 4". */
  evidence: string[];
  evidenceRefs: Evidence;
  status: 'mitigated' | 'partial' | 'not-mitigated' | 'not-observable';
  why: string;
  recommendation: string;
}

export interface DeniedAttemptsByActor {
  cluster: string;
  actor: string;
  denied: number;
  failed: number;
  targets: string[];
  auditIds: string[];
}

export interface ComplianceSections {
  summary: {
    /** 0–100: 100 minus weighted findings (see postureScore). */
    postureScore: number;
    findingsBySeverity: Record<Severity, number>;
    changesByOutcome: Record<ChangeOutcome, number>;
    topActors: Array<{ actor: string; changes: number; denied: number }>;
    trend: { previous: ReportScope; changesByOutcome: Record<ChangeOutcome, number> };
    /** For the chart: one row per UTC day of the period. */
    changesPerDay: Array<{ day: string } & Record<ChangeOutcome, number>>;
  };
  inventory: { tiers: TierRow[]; policies: PolicyRow[]; networkSets: NetworkSetRow[] };
  policyAudit: {
    countsPerTier: Array<{
      cluster: string;
      tier: string;
      created: number;
      modified: number;
      deleted: number;
    }>;
    changes: ChangeRows;
    deniedAndFailed: DeniedAttemptsByActor[];
  };
  accessControl: TierAccess[];
  findings: Finding[];
  trailCompleteness: CompletenessRow[];
}

export interface ThreatModelSections {
  threats: ThreatRow[];
  findings: Finding[];
  accessControl: TierAccess[];
  deniedAndFailed: DeniedAttemptsByActor[];
}

export type ReportModelOf<Ledger extends LedgerHead> =
  | { meta: ReportMeta<Ledger> & { type: 'compliance' }; compliance: ComplianceSections }
  | { meta: ReportMeta<Ledger> & { type: 'threat-model' }; threatModel: ThreatModelSections };

export type ReportModel = ReportModelOf<LedgerAnchor>;

/**
 * A report whose hash chain is still being verified: everything but the chain check. The PDF
 * renderer lays a draft out while the chain is verified alongside, and states the outcome once
 * it is known; every other format waits for it.
 */
export type ReportDraft = ReportModelOf<LedgerHead>;

/** The report a draft becomes once its chain check is known. */
export function completeReport(draft: ReportDraft, check: ChainCheck): ReportModel {
  const ledger: LedgerAnchor = {
    position: draft.meta.ledger.position,
    hash: draft.meta.ledger.hash,
    verified: check.verified,
    firstBrokenAt: check.firstBrokenAt,
  };
  return 'compliance' in draft
    ? { ...draft, meta: { ...draft.meta, ledger } }
    : { ...draft, meta: { ...draft.meta, ledger } };
}
