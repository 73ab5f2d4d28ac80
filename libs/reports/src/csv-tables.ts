import { countBySeverity } from './count-by-severity';
import { type CsvOptions, type CsvValue, csvLine } from './csv-line';
import type {
  AccessEntry,
  ChangeRow,
  CompletenessRow,
  ComplianceSections,
  DeniedAttemptsByActor,
  Evidence,
  Finding,
  IndirectAccess,
  NetworkSetRow,
  PolicyRow,
  ReportMeta,
  ReportModel,
  Subject,
  ThreatModelSections,
  ThreatRow,
  TierAccess,
  TierRow,
} from './report-model';
import { OUTCOMES, SEVERITIES } from './report-model';

/** One CSV file of the export; `lines` can be iterated more than once, each time from the start. */
export interface CsvTable {
  name: string;
  lines: AsyncIterable<string>;
}

type Column<T> = readonly [header: string, cell: (row: T) => CsvValue];

/** Every table of the report as RFC 4180 CSV with a header row; the changes table is streamed. */
export function csvTables(model: ReportModel, options: CsvOptions = {}): CsvTable[] {
  if ('compliance' in model) return complianceTables(model.meta, model.compliance, options);
  return threatModelTables(model.meta, model.threatModel, options);
}

function complianceTables(
  meta: ReportMeta,
  sections: ComplianceSections,
  options: CsvOptions,
): CsvTable[] {
  const { summary, inventory, policyAudit } = sections;
  return [
    table('summary.csv', COMPLIANCE_SUMMARY, [{ meta, sections }], options),
    table('findings.csv', FINDING_COLUMNS, sections.findings, options),
    table('tiers.csv', TIER_COLUMNS, inventory.tiers, options),
    table('policies.csv', POLICY_COLUMNS, inventory.policies, options),
    table('network-sets.csv', NETWORK_SET_COLUMNS, inventory.networkSets, options),
    table('changes-per-tier.csv', CHANGES_PER_TIER_COLUMNS, policyAudit.countsPerTier, options),
    table('changes-per-day.csv', CHANGES_PER_DAY_COLUMNS, summary.changesPerDay, options),
    table('top-actors.csv', TOP_ACTOR_COLUMNS, summary.topActors, options),
    table(
      'changes.csv',
      CHANGE_COLUMNS,
      { [Symbol.asyncIterator]: () => policyAudit.changes.open()[Symbol.asyncIterator]() },
      options,
    ),
    table('denied-attempts.csv', DENIED_COLUMNS, policyAudit.deniedAndFailed, options),
    table('access.csv', ACCESS_COLUMNS, accessRows(sections.accessControl), options),
    table('access-caveats.csv', CAVEAT_COLUMNS, caveatRows(sections.accessControl), options),
    table('trail-completeness.csv', COMPLETENESS_COLUMNS, sections.trailCompleteness, options),
  ];
}

function threatModelTables(
  meta: ReportMeta,
  sections: ThreatModelSections,
  options: CsvOptions,
): CsvTable[] {
  return [
    table('summary.csv', THREAT_MODEL_SUMMARY, [{ meta, sections }], options),
    table('threats.csv', THREAT_COLUMNS, sections.threats, options),
    table('findings.csv', FINDING_COLUMNS, sections.findings, options),
    table('access.csv', ACCESS_COLUMNS, accessRows(sections.accessControl), options),
    table('access-caveats.csv', CAVEAT_COLUMNS, caveatRows(sections.accessControl), options),
    table('denied-attempts.csv', DENIED_COLUMNS, sections.deniedAndFailed, options),
  ];
}

function table<T>(
  name: string,
  columns: readonly Column<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  options: CsvOptions,
): CsvTable {
  async function* lines(): AsyncGenerator<string> {
    yield csvLine(
      columns.map(([header]) => header),
      options,
    );
    for await (const row of rows)
      yield csvLine(
        columns.map(([, cell]) => cell(row)),
        options,
      );
  }
  return { name, lines: { [Symbol.asyncIterator]: lines } };
}

const META_COLUMNS: readonly Column<{ meta: ReportMeta }>[] = [
  ['reportId', ({ meta }) => meta.id],
  ['reportType', ({ meta }) => meta.type],
  ['title', ({ meta }) => meta.title],
  ['cluster', ({ meta }) => meta.scope.cluster],
  ['startTime', ({ meta }) => meta.scope.from],
  ['endTime', ({ meta }) => meta.scope.to],
  ['generatedAt', ({ meta }) => meta.generatedAt],
  ['ledgerPosition', ({ meta }) => meta.ledger.position],
  ['ledgerHash', ({ meta }) => meta.ledger.hash],
  ['ledgerVerified', ({ meta }) => meta.ledger.verified],
  ['ledgerFirstBrokenAt', ({ meta }) => meta.ledger.firstBrokenAt],
  ['generator', ({ meta }) => meta.generator.name],
  ['generatorVersion', ({ meta }) => meta.generator.version],
];

type ComplianceSummaryRow = { meta: ReportMeta; sections: ComplianceSections };

const COMPLIANCE_SUMMARY: readonly Column<ComplianceSummaryRow>[] = [
  ...META_COLUMNS,
  ['postureScore', ({ sections }) => sections.summary.postureScore],
  ...SEVERITIES.map(
    (severity): Column<ComplianceSummaryRow> => [
      `findings${capitalise(severity)}`,
      ({ sections }) => sections.summary.findingsBySeverity[severity],
    ],
  ),
  ...OUTCOMES.map(
    (outcome): Column<ComplianceSummaryRow> => [
      `changes${capitalise(outcome)}`,
      ({ sections }) => sections.summary.changesByOutcome[outcome],
    ],
  ),
  [
    'numCreatedPolicies',
    ({ sections }) => sum(sections.policyAudit.countsPerTier.map((row) => row.created)),
  ],
  [
    'numModifiedPolicies',
    ({ sections }) => sum(sections.policyAudit.countsPerTier.map((row) => row.modified)),
  ],
  [
    'numDeletedPolicies',
    ({ sections }) => sum(sections.policyAudit.countsPerTier.map((row) => row.deleted)),
  ],
  ['previousStartTime', ({ sections }) => sections.summary.trend.previous.from],
  ['previousEndTime', ({ sections }) => sections.summary.trend.previous.to],
  ...OUTCOMES.map(
    (outcome): Column<ComplianceSummaryRow> => [
      `previousChanges${capitalise(outcome)}`,
      ({ sections }) => sections.summary.trend.changesByOutcome[outcome],
    ],
  ),
  ['trailComplete', ({ sections }) => sections.trailCompleteness.every((row) => row.complete)],
];

type ThreatSummaryRow = { meta: ReportMeta; sections: ThreatModelSections };
const THREAT_STATUSES: readonly ThreatRow['status'][] = [
  'mitigated',
  'partial',
  'not-mitigated',
  'not-observable',
];

const THREAT_MODEL_SUMMARY: readonly Column<ThreatSummaryRow>[] = [
  ...META_COLUMNS,
  ...THREAT_STATUSES.map(
    (status): Column<ThreatSummaryRow> => [
      `threats${status.split('-').map(capitalise).join('')}`,
      ({ sections }) => sections.threats.filter((threat) => threat.status === status).length,
    ],
  ),
  ...SEVERITIES.map(
    (severity): Column<ThreatSummaryRow> => [
      `findings${capitalise(severity)}`,
      ({ sections }) => countBySeverity(sections.findings)[severity],
    ],
  ),
];

const FINDING_COLUMNS: readonly Column<Finding>[] = [
  ['id', (row) => row.id],
  ['ruleId', (row) => row.ruleId],
  ['severity', (row) => row.severity],
  ['cluster', (row) => row.cluster],
  ['title', (row) => row.title],
  ['description', (row) => row.description],
  ['fix', (row) => row.fix],
  ...evidenceColumns<Finding>((row) => row.evidence),
  ['references', (row) => row.references],
];

const TIER_COLUMNS: readonly Column<TierRow>[] = [
  ['cluster', (row) => row.cluster],
  ['tier', (row) => row.name],
  ['order', (row) => row.order],
  ['defaultAction', (row) => row.defaultAction],
  ['policies', (row) => row.policies],
  ['version', (row) => row.version],
  ['since', (row) => row.since],
];

const POLICY_COLUMNS: readonly Column<PolicyRow>[] = [
  ['cluster', (row) => row.cluster],
  ['tier', (row) => row.tier],
  ['tierOrder', (row) => row.tierOrder],
  ['kind', (row) => row.kind],
  ['namespace', (row) => row.namespace],
  ['name', (row) => row.name],
  ['order', (row) => row.order],
  ['selector', (row) => row.selector],
  ['types', (row) => row.types],
  ['actionsUsed', (row) => row.actionsUsed],
  ['ruleCount', (row) => row.ruleCount],
  ['staged', (row) => row.staged],
  ['enforced', (row) => row.enforced],
  ['version', (row) => row.version],
  ['since', (row) => row.since],
  ['stateKnown', (row) => row.stateKnown],
];

const NETWORK_SET_COLUMNS: readonly Column<NetworkSetRow>[] = [
  ['cluster', (row) => row.cluster],
  ['kind', (row) => row.kind],
  ['namespace', (row) => row.namespace],
  ['name', (row) => row.name],
  ['nets', (row) => row.nets],
  ['domains', (row) => row.domains],
  [
    'labels',
    (row) =>
      Object.entries(row.labels)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, value]) => `${key}=${value}`),
  ],
];

type TierCounts = ComplianceSections['policyAudit']['countsPerTier'][number];
const CHANGES_PER_TIER_COLUMNS: readonly Column<TierCounts>[] = [
  ['cluster', (row) => row.cluster],
  ['tier', (row) => row.tier],
  ['numCreatedPolicies', (row) => row.created],
  ['numModifiedPolicies', (row) => row.modified],
  ['numDeletedPolicies', (row) => row.deleted],
];

type DayCounts = ComplianceSections['summary']['changesPerDay'][number];
const CHANGES_PER_DAY_COLUMNS: readonly Column<DayCounts>[] = [
  ['day', (row) => row.day],
  ...OUTCOMES.map((outcome): Column<DayCounts> => [outcome, (row) => row[outcome]]),
];

type TopActor = ComplianceSections['summary']['topActors'][number];
const TOP_ACTOR_COLUMNS: readonly Column<TopActor>[] = [
  ['actor', (row) => row.actor],
  ['changes', (row) => row.changes],
  ['denied', (row) => row.denied],
];

const CHANGE_COLUMNS: readonly Column<ChangeRow>[] = [
  ['id', (row) => row.id],
  ['cluster', (row) => row.cluster],
  ['occurredAt', (row) => row.occurredAt],
  ['actor', (row) => row.actor],
  ['impersonatedBy', (row) => row.impersonatedBy],
  ['sourceIp', (row) => row.sourceIp],
  ['verb', (row) => row.verb],
  ['outcome', (row) => row.outcome],
  ['action', (row) => row.action],
  ['resource', (row) => row.resource],
  ['namespace', (row) => row.namespace],
  ['name', (row) => row.name],
  ['tier', (row) => row.tier],
  ['risk', (row) => row.risk],
  ['summary', (row) => row.summary],
  ['auditId', (row) => row.auditId],
  ['positions', (row) => row.positions],
  ['version', (row) => row.version],
  ['cascade', (row) => row.cascade],
  ['directCrd', (row) => row.directCrd],
];

const DENIED_COLUMNS: readonly Column<DeniedAttemptsByActor>[] = [
  ['cluster', (row) => row.cluster],
  ['actor', (row) => row.actor],
  ['denied', (row) => row.denied],
  ['failed', (row) => row.failed],
  ['targets', (row) => row.targets],
  ['auditIds', (row) => row.auditIds],
];

interface AccessRow {
  access: TierAccess;
  relation: 'policy-editor' | 'tier-modifier' | 'indirect';
  subject: Subject;
  entry?: AccessEntry;
  indirect?: IndirectAccess;
}

/** One row per (tier, subject, relation): direct editors, tier modifiers, then indirect paths. */
function accessRows(accessControl: readonly TierAccess[]): AccessRow[] {
  return accessControl.flatMap((access) => [
    ...access.policyEditors.map(
      (entry): AccessRow => ({ access, relation: 'policy-editor', subject: entry.subject, entry }),
    ),
    ...access.tierModifiers.map(
      (entry): AccessRow => ({ access, relation: 'tier-modifier', subject: entry.subject, entry }),
    ),
    ...access.indirect.map(
      (indirect): AccessRow => ({
        access,
        relation: 'indirect',
        subject: indirect.subject,
        indirect,
      }),
    ),
  ]);
}

const hasSubject = (subjects: readonly Subject[] | undefined, subject: Subject) =>
  (subjects ?? []).some(
    (other) =>
      other.kind === subject.kind &&
      other.name === subject.name &&
      other.namespace === subject.namespace,
  );

const ACCESS_COLUMNS: readonly Column<AccessRow>[] = [
  ['cluster', (row) => row.access.cluster],
  ['tier', (row) => row.access.tier],
  ['access', (row) => row.relation],
  ['subjectKind', (row) => row.subject.kind],
  ['subjectNamespace', (row) => row.subject.namespace],
  ['subjectName', (row) => row.subject.name],
  ['description', (row) => row.entry?.description],
  ['verbs', (row) => row.entry?.verbs],
  ['kinds', (row) => row.entry?.kinds],
  [
    'scope',
    (row) =>
      row.entry === undefined
        ? undefined
        : row.entry.scope === 'cluster'
          ? 'cluster'
          : 'namespaces',
  ],
  [
    'namespaces',
    (row) =>
      row.entry === undefined || row.entry.scope === 'cluster'
        ? undefined
        : row.entry.scope.namespaces,
  ],
  [
    'names',
    (row) =>
      row.entry === undefined ? undefined : row.entry.names === 'all' ? 'all' : row.entry.names,
  ],
  ['via', (row) => row.entry?.via],
  ['observedMembers', (row) => row.entry?.observedMembers],
  ['indirectPath', (row) => row.indirect?.path],
  ['indirectDetail', (row) => row.indirect?.detail],
  ['gainedInPeriod', (row) => hasSubject(row.access.gained, row.subject)],
  [
    'outsideOwners',
    (row) =>
      row.access.outsideOwners === undefined
        ? undefined
        : hasSubject(row.access.outsideOwners, row.subject),
  ],
];

interface CaveatRow {
  cluster: string;
  tier: string;
  kind: 'caveat' | 'lost';
  text: string;
}

function caveatRows(accessControl: readonly TierAccess[]): CaveatRow[] {
  return accessControl.flatMap((access) => [
    ...access.caveats.map(
      (text): CaveatRow => ({ cluster: access.cluster, tier: access.tier, kind: 'caveat', text }),
    ),
    ...access.lost.map(
      (subject): CaveatRow => ({
        cluster: access.cluster,
        tier: access.tier,
        kind: 'lost',
        text: `${subject.kind} ${subject.namespace === undefined ? '' : `${subject.namespace}/`}${subject.name} could edit at the period start but not at its end`,
      }),
    ),
  ]);
}

const CAVEAT_COLUMNS: readonly Column<CaveatRow>[] = [
  ['cluster', (row) => row.cluster],
  ['tier', (row) => row.tier],
  ['kind', (row) => row.kind],
  ['note', (row) => row.text],
];

const COMPLETENESS_COLUMNS: readonly Column<CompletenessRow>[] = [
  ['cluster', (row) => row.cluster],
  ['resource', (row) => row.resource],
  ['complete', (row) => row.complete],
  ['events', (row) => row.events],
  ['metadataOnly', (row) => row.metadataOnly],
  ['truncated', (row) => row.truncated],
  ['unknownStates', (row) => row.unknownStates],
  ['deadLetters', (row) => row.deadLetters],
  ['notes', (row) => row.notes],
];

const THREAT_COLUMNS: readonly Column<ThreatRow>[] = [
  ['threat', (row) => row.threat],
  ['expectedMitigation', (row) => row.expectedMitigation],
  ['status', (row) => row.status],
  ['why', (row) => row.why],
  ['evidence', (row) => row.evidence],
  ...evidenceColumns<ThreatRow>((row) => row.evidenceRefs),
  ['recommendation', (row) => row.recommendation],
];

function evidenceColumns<T>(evidence: (row: T) => Evidence): Column<T>[] {
  return [
    ['evidenceObjects', (row) => (evidence(row).objects ?? []).map(objectText)],
    ['auditIds', (row) => evidence(row).auditIds],
    ['positions', (row) => evidence(row).positions],
    ['evidenceNote', (row) => evidence(row).note],
  ];
}

/** "networkpolicies.projectcalico.org production/backend-egress@3". */
function objectText(object: NonNullable<Evidence['objects']>[number]): string {
  const name = object.namespace === undefined ? object.name : `${object.namespace}/${object.name}`;
  return `${object.resource} ${name}${object.version === undefined ? '' : `@${object.version}`}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
