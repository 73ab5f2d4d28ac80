/**
 * Synthetic report models for the PDF renderer's tests and benchmark: made-up but realistic
 * tiers, policies, RBAC and changes, with the awkward cases real clusters produce (very long
 * Kubernetes names and selectors, unbreakable tokens, non-ASCII names, a change with dozens of
 * semantic-diff sentences, a broken hash chain). Every value derives from an index through a
 * hash, so the same options give the same model, and changes are generated lazily on open().
 */
import {
  type AccessEntry,
  type ChangeOutcome,
  type ChangeRow,
  type ChangeRows,
  type CompletenessRow,
  type ComplianceSections,
  changeRowsOf,
  type DeniedAttemptsByActor,
  type Finding,
  type NetworkSetRow,
  OUTCOMES,
  type PolicyRow,
  type ReportMeta,
  type ReportModel,
  type ReportScope,
  type Risk,
  type ThreatModelSections,
  type ThreatRow,
  type TierAccess,
  type TierRow,
} from '../../report-model';

export interface SyntheticModelOptions {
  /** Changes in the period (default 540: enough for the change table to run over many pages). */
  changes?: number;
  /** False gives the variant whose hash chain did not verify. */
  verified?: boolean;
  /** True scopes the report to every cluster (scope.cluster null). */
  allClusters?: boolean;
}

const CLUSTER = 'prod';
const SCOPE: ReportScope = {
  cluster: CLUSTER,
  from: '2026-03-01T00:00:00Z',
  to: '2026-04-01T00:00:00Z',
};
const PREVIOUS: ReportScope = {
  cluster: CLUSTER,
  from: '2026-02-01T00:00:00Z',
  to: '2026-03-01T00:00:00Z',
};
const DAY_MS = 86_400_000;
const FIRST_POSITION = 1_180_000;

export const LONG_TIER = 'application-teams-shared-ingress-controls';
export const LONG_POLICY =
  'application-teams-shared-ingress-controls.allow-payments-api-to-settlement-reconciler-postgresql-primary-and-replicas';
export const LONG_SELECTOR =
  "app.kubernetes.io/name in {'payments-api', 'payments-worker', 'settlement-reconciler'} && projectcalico.org/namespace starts with 'finance-' && !has(quarantine.security.example.com/isolated)";
export const UNBREAKABLE_TOKEN =
  'sha256x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08deadbeefcafe';
export const LONG_RBAC_NAME = 'system:controller:clusterrole-aggregation-controller';
export const NON_ASCII_TIER = 'équipe-sécurité';
export const NON_ASCII_ACTOR = 'renée.lefèvre@exemple.fr';
/** The change whose semantic diff is longer than a page. */
export const TALL_CHANGE_INDEX = 137;

export function syntheticComplianceModel(options: SyntheticModelOptions = {}): ReportModel {
  const count = options.changes ?? 540;
  const meta: ReportMeta & { type: 'compliance' } = {
    ...syntheticMeta(options),
    type: 'compliance',
    id: 'rpt-compliance-prod-2026-03-7f3a9c',
    title: 'Network policy and RBAC compliance report — prod, March 2026',
  };
  const compliance: ComplianceSections = {
    summary: syntheticSummary(count),
    inventory: { tiers: TIERS, policies: POLICIES, networkSets: NETWORK_SETS },
    policyAudit: {
      countsPerTier: syntheticCountsPerTier(count),
      changes: syntheticChanges(count),
      deniedAndFailed: syntheticDeniedAndFailed(count),
    },
    accessControl: ACCESS,
    findings: FINDINGS,
    trailCompleteness: COMPLETENESS,
  };
  return { meta, compliance };
}

export function syntheticThreatModel(options: SyntheticModelOptions = {}): ReportModel {
  const meta: ReportMeta & { type: 'threat-model' } = {
    ...syntheticMeta(options),
    type: 'threat-model',
    id: 'rpt-threat-model-prod-2026-03-51c0de',
    title: 'Network policy threat model — prod, March 2026',
  };
  const threatModel: ThreatModelSections = {
    threats: THREATS,
    findings: FINDINGS.filter((finding) => finding.severity !== 'info'),
    accessControl: ACCESS.slice(0, 3),
    deniedAndFailed: syntheticDeniedAndFailed(options.changes ?? 540),
  };
  return { meta, threatModel };
}

function syntheticMeta(options: SyntheticModelOptions): ReportMeta {
  const verified = options.verified ?? true;
  return {
    id: '',
    type: 'compliance',
    title: '',
    scope: options.allClusters ? { ...SCOPE, cluster: null } : SCOPE,
    generatedAt: '2026-04-01T06:00:00Z',
    ledger: {
      position: 1_284_113,
      hash: 'sha256:4c1f0e6f2b9d8a7c3e5f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d',
      verified,
      firstBrokenAt: verified ? null : 1_201_554,
    },
    generator: { name: 'policy-ledger', version: '0.1.0' },
  };
}

/** A 32-bit hash of an index and a salt (murmur3's finaliser): the fixture's only randomness. */
function hashOf(index: number, salt: number): number {
  let h = (Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function pick<T>(items: readonly T[], index: number, salt: number): T {
  return items[hashOf(index, salt) % items.length] as T;
}

function hex(index: number, salt: number, length: number): string {
  let out = '';
  for (let part = 0; out.length < length; part++)
    out += hashOf(index, salt * 31 + part)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

/** A version-4-shaped UUID, as Kubernetes audit ids are. */
function uuidOf(index: number, salt: number): string {
  const [a, b, c, d] = [0, 1, 2, 3].map((part) =>
    hashOf(index, salt * 31 + part)
      .toString(16)
      .padStart(8, '0'),
  ) as [string, string, string, string];
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(0, 3)}-${c.slice(4, 8)}${d}`;
}

// Weekdays busy, weekends quiet, and an incident on the 17th.
const DAY_WEIGHTS = Array.from({ length: 31 }, (_, day) => {
  const weekday = day % 7; // 2026-03-01 is a Sunday
  const base = weekday === 0 || weekday === 6 ? 0.35 : 1;
  return day === 16 ? base * 3 : base;
});
let runningWeight = 0;
const DAY_CUMULATIVE = DAY_WEIGHTS.map((weight) => {
  runningWeight += weight;
  return runningWeight;
});
const DAY_TOTAL = DAY_CUMULATIVE[DAY_CUMULATIVE.length - 1] ?? 1;

function dayOf(index: number, count: number): { day: number; within: number } {
  const at = ((index + 0.5) / count) * DAY_TOTAL;
  let low = 0;
  let high = 30;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((DAY_CUMULATIVE[middle] ?? 0) <= at) low = middle + 1;
    else high = middle;
  }
  const start = (DAY_CUMULATIVE[low] ?? 0) - (DAY_WEIGHTS[low] ?? 1);
  return { day: low, within: (at - start) / (DAY_WEIGHTS[low] ?? 1) };
}

function outcomeOf(index: number, day: number): ChangeOutcome {
  const roll = hashOf(index, 1) % 100;
  const incident = day === 16 ? 12 : 0;
  if (roll < 80 - incident) return 'applied';
  if (roll < 90) return 'denied';
  if (roll < 95) return 'failed';
  return 'dryrun';
}

const ACTORS: readonly (string | null)[] = [
  'alice.nguyen@example.com',
  'alice.nguyen@example.com',
  'bob.martin@example.com',
  NON_ASCII_ACTOR,
  'system:serviceaccount:argocd:argocd-application-controller',
  'system:serviceaccount:argocd:argocd-application-controller',
  'system:serviceaccount:tigera-operator:tigera-operator',
  'ci-pipeline-deployer@payments-platform-production.iam.gserviceaccount.com',
  'łukasz.wiśniewski@example.pl',
  null,
];

const TARGETS = [
  {
    resource: 'globalnetworkpolicies.projectcalico.org',
    tier: 'security',
    name: 'security.default-deny-all-egress-except-dns',
  },
  {
    resource: 'globalnetworkpolicies.projectcalico.org',
    tier: 'security',
    name: 'security.block-threat-feed',
  },
  {
    resource: 'networkpolicies.projectcalico.org',
    tier: NON_ASCII_TIER,
    namespace: 'finance-ledger',
    name: `${NON_ASCII_TIER}.autoriser-accès-base-de-données`,
  },
  {
    resource: 'networkpolicies.projectcalico.org',
    tier: 'platform',
    namespace: 'monitoring',
    name: 'platform.allow-prometheus-scrape',
  },
  {
    resource: 'networkpolicies.projectcalico.org',
    tier: LONG_TIER,
    namespace: 'finance-payments',
    name: LONG_POLICY,
  },
  {
    resource: 'stagedglobalnetworkpolicies.projectcalico.org',
    tier: 'security',
    name: 'security.isolate-untrusted-namespaces',
  },
  {
    resource: 'networkpolicies.networking.k8s.io',
    tier: 'default',
    namespace: 'payments',
    name: 'allow-frontend-to-api',
  },
  {
    resource: 'networkpolicies.networking.k8s.io',
    tier: 'default',
    namespace: 'checkout-service-canary-eu-west-1',
    name: `allow-${UNBREAKABLE_TOKEN}`,
  },
  { resource: 'tiers.projectcalico.org', tier: 'platform', name: 'platform' },
  { resource: 'globalnetworksets.projectcalico.org', name: 'threat-feed-blocklist' },
  { resource: 'clusterrolebindings.rbac.authorization.k8s.io', name: LONG_RBAC_NAME },
] as const;

const SENTENCES = [
  "Rule 2 (Ingress, Allow) now admits TCP 5432 from selector role == 'db-client'.",
  'Order changed from 100 to 90: now evaluated before platform.allow-prometheus-scrape.',
  "Selector widened from app == 'payments' to all().",
  'Egress rule 1 (Deny) removed.',
  'Staged policy created; not enforced until promoted.',
  'Action of rule 3 changed from Deny to Pass.',
  "Tier's default action changed from Deny to Pass.",
  'Rule 1 now matches ICMP type 8 (echo request) from 0.0.0.0/0.',
  'Annotations only: no semantic change.',
  'Rule 2 destination ports changed from 80, 443 to 443.',
  'Labels changed; rules unchanged.',
  'Policy deleted: its 3 rules no longer apply.',
] as const;

/** Rare, long sentences: a selector, an RBAC name, an unbreakable token. */
const LONG_SENTENCES = [
  `Rule 4 (Egress, Allow) now allows destination nets of network set threat-feed-blocklist, selector ${LONG_SELECTOR}.`,
  `Binding now grants ClusterRole ${LONG_RBAC_NAME} to Group system:authenticated.`,
  `Label value ${UNBREAKABLE_TOKEN} added to the namespace selector.`,
] as const;

function sentenceOf(index: number, salt: number): string {
  return hashOf(index, salt) % 17 === 0
    ? pick(LONG_SENTENCES, index, salt + 1)
    : pick(SENTENCES, index, salt + 2);
}

/** The index-th change of a period with `count` changes. */
export function syntheticChangeRow(index: number, count: number): ChangeRow {
  const { day, within } = dayOf(index, count);
  const occurredAt = new Date(
    Date.parse(SCOPE.from) + day * DAY_MS + Math.floor(within * (DAY_MS - 1000)),
  ).toISOString();
  const outcome = outcomeOf(index, day);
  const target = pick(TARGETS, index, 2);
  const actor = pick(ACTORS, index, 3);
  const verb = pick(['create', 'update', 'patch', 'patch', 'delete'], index, 4);
  const sentences =
    index === TALL_CHANGE_INDEX ? 64 : 1 + (hashOf(index, 5) % 5 === 0 ? 2 : hashOf(index, 5) % 2);
  const summary = Array.from(
    { length: sentences },
    (_, i) =>
      `${index === TALL_CHANGE_INDEX ? `(${i + 1} of ${sentences}) ` : ''}${sentenceOf(index * 7 + i, 6)}`,
  );
  const position = FIRST_POSITION + index * 2;
  const row: ChangeRow = {
    id: `chg-2026-03-${String(index + 1).padStart(6, '0')}`,
    cluster: CLUSTER,
    occurredAt,
    actor,
    verb,
    outcome,
    action: verb === 'create' ? 'created' : verb === 'delete' ? 'deleted' : 'modified',
    resource: target.resource,
    name: target.name,
    summary:
      outcome === 'applied' || outcome === 'dryrun'
        ? summary
        : [`Attempt ${outcome}: ${summary[0] ?? ''}`],
    auditId: uuidOf(index, 7),
    positions: hashOf(index, 12) % 4 === 0 ? [position] : [position, position + 1],
    cascade: hashOf(index, 13) % 29 === 0,
    directCrd: hashOf(index, 14) % 23 === 0,
  };
  if ('namespace' in target) row.namespace = target.namespace;
  if ('tier' in target) row.tier = target.tier;
  if (outcome === 'applied') row.version = 1 + (hashOf(index, 15) % 40);
  if (outcome === 'applied')
    row.risk = pick<Risk>(['low', 'low', 'low', 'medium', 'high'], index, 16);
  if (hashOf(index, 17) % 33 === 0) row.impersonatedBy = 'breakglass-oncall@example.com';
  const ip = hashOf(index, 18) % 10;
  if (ip < 7) row.sourceIp = `10.20.${hashOf(index, 19) % 256}.${hashOf(index, 20) % 256}`;
  else if (ip < 9)
    row.sourceIp = `2001:db8:85a3:${(hashOf(index, 21) % 65536).toString(16)}::8a2e:370:7334`;
  return row;
}

/** The period's changes, generated row by row each time they are opened. */
export function syntheticChanges(count: number): ChangeRows {
  return changeRowsOf({
    count,
    async *open() {
      for (let index = 0; index < count; index++) yield syntheticChangeRow(index, count);
    },
  });
}

function syntheticSummary(count: number): ComplianceSections['summary'] {
  const byOutcome = zeroOutcomes();
  const perDay = Array.from({ length: 31 }, (_, day) => ({
    day: new Date(Date.parse(SCOPE.from) + day * DAY_MS).toISOString().slice(0, 10),
    ...zeroOutcomes(),
  }));
  const actors = new Map<string, { changes: number; denied: number }>();
  for (let index = 0; index < count; index++) {
    const dayIndex = dayOf(index, count).day;
    const outcome = outcomeOf(index, dayIndex);
    byOutcome[outcome]++;
    const day = perDay[dayIndex];
    if (day !== undefined) day[outcome]++;
    const actor = pick(ACTORS, index, 3) ?? 'unknown actor';
    const seen = actors.get(actor) ?? { changes: 0, denied: 0 };
    seen.changes++;
    if (outcome === 'denied') seen.denied++;
    actors.set(actor, seen);
  }
  const topActors = [...actors]
    .map(([actor, seen]) => ({ actor, ...seen }))
    .sort((a, b) => b.changes - a.changes || (a.actor < b.actor ? -1 : 1))
    .slice(0, 8);
  return {
    postureScore: 68,
    findingsBySeverity: countSeverities(FINDINGS),
    changesByOutcome: byOutcome,
    topActors,
    trend: {
      previous: PREVIOUS,
      changesByOutcome: {
        applied: Math.round(byOutcome.applied * 0.86),
        denied: Math.round(byOutcome.denied * 0.55),
        failed: byOutcome.failed + 3,
        dryrun: 0,
      },
    },
    changesPerDay: perDay,
  };
}

function zeroOutcomes(): Record<ChangeOutcome, number> {
  return Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<
    ChangeOutcome,
    number
  >;
}

function countSeverities(
  findings: readonly Finding[],
): ComplianceSections['summary']['findingsBySeverity'] {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

function syntheticCountsPerTier(count: number): ComplianceSections['policyAudit']['countsPerTier'] {
  return TIERS.map((tier, i) => ({
    cluster: CLUSTER,
    tier: tier.name,
    created: Math.round((count / 40) * (1 + i)),
    modified: Math.round((count / 9) * (5 - i)),
    deleted: Math.round((count / 80) * (1 + (i % 3))),
  }));
}

function syntheticDeniedAndFailed(count: number): DeniedAttemptsByActor[] {
  const groups = new Map<string, DeniedAttemptsByActor>();
  for (let index = 0; index < Math.min(count, 5000); index++) {
    const outcome = outcomeOf(index, dayOf(index, count).day);
    if (outcome !== 'denied' && outcome !== 'failed') continue;
    const row = syntheticChangeRow(index, count);
    const actor = row.actor ?? 'unknown actor';
    const group = groups.get(actor) ?? {
      cluster: CLUSTER,
      actor,
      denied: 0,
      failed: 0,
      targets: [],
      auditIds: [],
    };
    group[outcome]++;
    const target = `${row.resource} ${row.namespace === undefined ? '' : `${row.namespace}/`}${row.name ?? ''}`;
    if (!group.targets.includes(target)) group.targets.push(target);
    if (row.auditId !== undefined) group.auditIds.push(row.auditId);
    groups.set(actor, group);
  }
  return [...groups.values()].sort(
    (a, b) => b.denied + b.failed - (a.denied + a.failed) || (a.actor < b.actor ? -1 : 1),
  );
}

const TIERS: TierRow[] = [
  {
    cluster: CLUSTER,
    name: 'security',
    order: 100,
    defaultAction: 'Deny',
    policies: 4,
    version: 7,
    since: '2026-01-12T09:30:00Z',
  },
  {
    cluster: CLUSTER,
    name: NON_ASCII_TIER,
    order: 150,
    defaultAction: 'Pass',
    policies: 3,
    version: 2,
    since: '2026-02-20T14:05:00Z',
  },
  {
    cluster: CLUSTER,
    name: 'platform',
    order: 200,
    defaultAction: 'Pass',
    policies: 4,
    version: 12,
    since: '2026-03-17T02:11:09Z',
  },
  {
    cluster: CLUSTER,
    name: LONG_TIER,
    order: 300,
    defaultAction: 'Deny',
    policies: 3,
    version: 3,
    since: '2025-11-02T08:00:00Z',
  },
  {
    cluster: CLUSTER,
    name: 'default',
    defaultAction: 'Deny',
    policies: 6,
    version: 1,
    since: '2024-06-01T00:00:00Z',
  },
];

function policy(tier: string, name: string, fields: Partial<PolicyRow> = {}): PolicyRow {
  return {
    cluster: CLUSTER,
    tier,
    tierOrder: TIERS.find((t) => t.name === tier)?.order,
    kind: 'GlobalNetworkPolicy',
    name,
    selector: 'all()',
    types: ['Ingress', 'Egress'],
    actionsUsed: ['Allow', 'Deny'],
    ruleCount: 4,
    staged: false,
    enforced: true,
    version: 3,
    since: '2026-03-04T10:15:00Z',
    stateKnown: true,
    ...fields,
  };
}

const POLICIES: PolicyRow[] = [
  policy('security', 'security.default-deny-all-egress-except-dns', {
    order: 1000,
    types: ['Egress'],
    actionsUsed: ['Allow', 'Deny'],
    ruleCount: 2,
  }),
  policy('security', 'security.block-threat-feed', {
    order: 10,
    selector: 'all()',
    actionsUsed: ['Deny'],
    ruleCount: 2,
    version: 41,
  }),
  policy('security', 'security.isolate-untrusted-namespaces', {
    kind: 'StagedGlobalNetworkPolicy',
    order: 50,
    staged: true,
    enforced: false,
    selector: "projectcalico.org/namespace in {'sandbox', 'ci-runners'}",
  }),
  policy('security', 'security.quarantine', {
    order: 20,
    selector: 'has(quarantine.security.example.com/isolated)',
    actionsUsed: ['Deny', 'Log'],
    ruleCount: 3,
  }),
  policy(NON_ASCII_TIER, `${NON_ASCII_TIER}.autoriser-accès-base-de-données`, {
    kind: 'NetworkPolicy',
    namespace: 'finance-ledger',
    order: 100,
    selector: "app == 'grand-livre'",
    types: ['Ingress'],
    actionsUsed: ['Allow'],
    ruleCount: 1,
  }),
  policy(NON_ASCII_TIER, `${NON_ASCII_TIER}.journalisation-complète`, {
    order: 200,
    actionsUsed: ['Log', 'Pass'],
    ruleCount: 2,
  }),
  policy(NON_ASCII_TIER, `${NON_ASCII_TIER}.légacy-état-inconnu`, {
    kind: 'NetworkPolicy',
    namespace: 'finance-ledger',
    order: 300,
    stateKnown: false,
    version: 5,
  }),
  policy('platform', 'platform.allow-prometheus-scrape', {
    kind: 'NetworkPolicy',
    namespace: 'monitoring',
    order: 100,
    selector: "app.kubernetes.io/name == 'prometheus'",
    types: ['Egress'],
    actionsUsed: ['Allow'],
    ruleCount: 1,
  }),
  policy('platform', 'platform.allow-kube-dns', {
    order: 50,
    selector: "k8s-app == 'kube-dns'",
    actionsUsed: ['Allow'],
    ruleCount: 2,
  }),
  policy('platform', 'platform.allow-all', {
    order: 900,
    selector: 'all()',
    actionsUsed: ['Allow'],
    ruleCount: 1,
    version: 12,
    since: '2026-03-17T02:11:09Z',
  }),
  policy('platform', 'platform.pass-to-application-tiers', {
    order: 1000,
    actionsUsed: ['Pass'],
    ruleCount: 1,
  }),
  policy(LONG_TIER, LONG_POLICY, {
    kind: 'NetworkPolicy',
    namespace: 'finance-payments',
    order: 100,
    selector: LONG_SELECTOR,
    types: ['Ingress'],
    actionsUsed: ['Allow'],
    ruleCount: 6,
  }),
  policy(LONG_TIER, `${LONG_TIER}.label-${UNBREAKABLE_TOKEN}`, {
    order: 200,
    selector: `release == '${UNBREAKABLE_TOKEN}'`,
    actionsUsed: ['Allow', 'Deny'],
  }),
  policy(LONG_TIER, `${LONG_TIER}.default-deny`, {
    order: 10000,
    actionsUsed: ['Deny'],
    ruleCount: 1,
  }),
  ...['payments', 'checkout', 'search', 'identity'].map((namespace, i) =>
    policy('default', `allow-frontend-to-${namespace}-api`, {
      kind: 'NetworkPolicy (Kubernetes)',
      namespace,
      selector: `app == '${namespace}-api'`,
      types: ['Ingress'],
      actionsUsed: ['Allow'],
      ruleCount: 1 + i,
      version: 1,
    }),
  ),
  policy('default', `allow-${UNBREAKABLE_TOKEN}`, {
    kind: 'NetworkPolicy (Kubernetes)',
    namespace: 'checkout-service-canary-eu-west-1',
    types: ['Ingress', 'Egress'],
  }),
  policy('default', 'default-deny', {
    kind: 'NetworkPolicy (Kubernetes)',
    namespace: 'payments',
    selector: 'all()',
    actionsUsed: ['Deny'],
    ruleCount: 0,
  }),
];

const NETWORK_SETS: NetworkSetRow[] = [
  {
    cluster: CLUSTER,
    kind: 'GlobalNetworkSet',
    name: 'threat-feed-blocklist',
    nets: 12_480,
    domains: 0,
    labels: {
      'feed.security.example.com/source': 'abuse-ch',
      'feed.security.example.com/refresh': 'hourly',
    },
  },
  {
    cluster: CLUSTER,
    kind: 'GlobalNetworkSet',
    name: 'partner-egress-allowlist',
    nets: 14,
    domains: 37,
    labels: { 'partner.example.com/contract': 'PAY-2291', role: 'egress-allowlist' },
  },
  {
    cluster: CLUSTER,
    kind: 'NetworkSet',
    namespace: 'finance-ledger',
    name: 'réseaux-de-confiance',
    nets: 3,
    domains: 0,
    labels: {},
  },
];

function editor(
  subject: AccessEntry['subject'],
  via: string[],
  fields: Partial<AccessEntry> = {},
): AccessEntry {
  return {
    subject,
    verbs: ['create', 'update', 'patch', 'delete'],
    kinds: [
      'networkpolicies',
      'globalnetworkpolicies',
      'stagednetworkpolicies',
      'stagedglobalnetworkpolicies',
    ],
    scope: 'cluster',
    names: 'all',
    via,
    ...fields,
  };
}

const ACCESS: TierAccess[] = [
  {
    cluster: CLUSTER,
    tier: 'security',
    policyEditors: [
      editor(
        { kind: 'Group', name: 'netsec-admins' },
        ['ClusterRoleBinding netsec-edits → ClusterRole tier-security-editor (rule 2)'],
        {
          observedMembers: ['alice.nguyen@example.com', NON_ASCII_ACTOR],
        },
      ),
      editor(
        { kind: 'ServiceAccount', namespace: 'argocd', name: 'argocd-application-controller' },
        [
          'ClusterRoleBinding argocd-application-controller → ClusterRole argocd-application-controller (rule 1)',
        ],
      ),
      editor(
        { kind: 'Group', name: 'system:authenticated' },
        [`ClusterRoleBinding ${LONG_RBAC_NAME} → ClusterRole ${LONG_RBAC_NAME} (rule 1)`],
        {
          description: 'every authenticated user',
          verbs: ['patch'],
          kinds: ['stagedglobalnetworkpolicies'],
        },
      ),
    ],
    tierModifiers: [
      editor(
        { kind: 'Group', name: 'netsec-admins' },
        ['ClusterRoleBinding netsec-tier-admins → ClusterRole tier-admin (rule 1)'],
        { kinds: [], verbs: ['update', 'patch', 'delete'], names: ['security'] },
      ),
    ],
    indirect: [
      {
        subject: { kind: 'Group', name: 'system:masters' },
        path: 'system:masters',
        detail: 'Members of system:masters bypass RBAC authorisation entirely.',
      },
      {
        subject: {
          kind: 'ServiceAccount',
          namespace: 'kube-system',
          name: 'clusterrole-aggregation-controller',
        },
        path: 'escalate',
        detail: `ClusterRole ${LONG_RBAC_NAME} grants escalate on clusterroles: it can grant itself tier-security-editor.`,
      },
      {
        subject: { kind: 'User', name: 'bob.martin@example.com' },
        path: 'impersonate',
        detail:
          'ClusterRoleBinding breakglass → ClusterRole impersonator: may impersonate Group netsec-admins.',
      },
    ],
    caveats: [
      'Aggregated ClusterRoles are evaluated as of the period end; aggregation changes during the period are listed in chapter 3.',
    ],
    gained: [{ kind: 'Group', name: 'system:authenticated' }],
    lost: [{ kind: 'User', name: 'carol.ito@example.com' }],
    outsideOwners: [
      { kind: 'ServiceAccount', namespace: 'argocd', name: 'argocd-application-controller' },
    ],
  },
  {
    cluster: CLUSTER,
    tier: NON_ASCII_TIER,
    policyEditors: [
      editor(
        { kind: 'User', name: NON_ASCII_ACTOR },
        [
          'RoleBinding finance-ledger/équipe-éditeurs → ClusterRole tier-équipe-sécurité-editor (rule 1)',
        ],
        {
          scope: { namespaces: ['finance-ledger', 'finance-payments'] },
          kinds: ['networkpolicies'],
        },
      ),
      editor(
        { kind: 'User', name: 'łukasz.wiśniewski@example.pl' },
        ['RoleBinding finance-ledger/oncall → Role finance-ledger/policy-hotfix (rule 1)'],
        {
          scope: { namespaces: ['finance-ledger'] },
          kinds: ['networkpolicies'],
          names: [`${NON_ASCII_TIER}.autoriser-accès-base-de-données`],
          verbs: ['patch'],
        },
      ),
    ],
    tierModifiers: [],
    indirect: [],
    caveats: [],
    gained: [{ kind: 'User', name: 'łukasz.wiśniewski@example.pl' }],
    lost: [],
  },
  {
    cluster: CLUSTER,
    tier: 'platform',
    policyEditors: [
      editor({ kind: 'Group', name: 'platform-sre' }, [
        'ClusterRoleBinding platform-sre → ClusterRole tier-platform-editor (rule 1)',
        'ClusterRoleBinding platform-sre-legacy → ClusterRole edit-everything-legacy (rule 7)',
      ]),
      editor({ kind: 'ServiceAccount', namespace: 'tigera-operator', name: 'tigera-operator' }, [
        'ClusterRoleBinding tigera-operator → ClusterRole tigera-operator (rule 12)',
      ]),
    ],
    tierModifiers: [
      editor(
        { kind: 'Group', name: 'platform-sre' },
        ['ClusterRoleBinding platform-sre → ClusterRole tier-platform-editor (rule 2)'],
        { kinds: [] },
      ),
    ],
    indirect: [
      {
        subject: { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' },
        path: 'bind',
        detail:
          'May bind ClusterRole tier-platform-editor in any namespace (bind on clusterroles).',
      },
    ],
    caveats: [],
    gained: [],
    lost: [],
  },
  {
    cluster: CLUSTER,
    tier: LONG_TIER,
    policyEditors: [
      editor(
        {
          kind: 'ServiceAccount',
          namespace: 'payments-platform-production-deployments',
          name: 'ci-pipeline-deployer-with-a-very-long-service-account-name',
        },
        [
          'RoleBinding finance-payments/ci-pipeline-deployer-with-a-very-long-service-account-name → ClusterRole application-teams-shared-ingress-controls-editor (rule 1)',
        ],
        { scope: { namespaces: ['finance-payments'] } },
      ),
    ],
    tierModifiers: [],
    indirect: [],
    caveats: [],
    gained: [],
    lost: [],
    outsideOwners: [],
  },
];

const FINDINGS: Finding[] = [
  {
    id: 'PL-NET-001-1',
    ruleId: 'PL-NET-001',
    title: 'No default deny in tier platform',
    severity: 'high',
    cluster: CLUSTER,
    description:
      'Tier platform ends with GlobalNetworkPolicy platform.allow-all (order 900, selector all()), which allows all traffic its earlier policies did not decide: nothing in the tier denies by default.',
    evidence: {
      objects: [
        {
          cluster: CLUSTER,
          resource: 'globalnetworkpolicies.projectcalico.org',
          name: 'platform.allow-all',
          version: 12,
        },
      ],
      auditIds: ['3f1d2c4b-9a8e-4f7d-a6b5-c4d3e2f1a0b9', '7c6b5a49-3827-4165-a0f9-e8d7c6b5a493'],
      positions: [1_231_004, 1_231_005, 1_240_220],
    },
    fix: 'Replace platform.allow-all with explicit allows, end the tier with a Pass or Deny policy selecting all(), and stage it first (StagedGlobalNetworkPolicy) to see what it would deny.',
    references: [
      'Calico docs: Get started with tiered network policy',
      'NSA/CISA Kubernetes Hardening Guide, network separation',
    ],
  },
  {
    id: 'PL-RBAC-004-1',
    ruleId: 'PL-RBAC-004',
    title: 'Every authenticated user can patch staged policies in tier security',
    severity: 'critical',
    cluster: CLUSTER,
    description: `Group system:authenticated holds patch on stagedglobalnetworkpolicies in tier security through ClusterRoleBinding ${LONG_RBAC_NAME}; it gained this access on 2026-03-17.`,
    evidence: {
      objects: [
        {
          cluster: CLUSTER,
          resource: 'clusterrolebindings.rbac.authorization.k8s.io',
          name: LONG_RBAC_NAME,
          version: 2,
        },
      ],
      auditIds: Array.from(
        { length: 14 },
        (_, i) =>
          `${hex(i, 40, 8)}-${hex(i, 41, 4)}-4${hex(i, 42, 3)}-b${hex(i, 43, 3)}-${hex(i, 44, 12)}`,
      ),
      positions: Array.from({ length: 14 }, (_, i) => 1_250_000 + i * 17),
      note: 'Binding created by bob.martin@example.com while impersonated by breakglass-oncall@example.com.',
    },
    fix: `Remove Group system:authenticated from ClusterRoleBinding ${LONG_RBAC_NAME} and bind tier-security-editor to netsec-admins only.`,
    references: ['Calico docs: Configure RBAC for tiered policies'],
  },
  {
    id: 'PL-NET-007-1',
    ruleId: 'PL-NET-007',
    title: 'Policy with an unreconstructable state',
    severity: 'medium',
    cluster: CLUSTER,
    description: `NetworkPolicy finance-ledger/${NON_ASCII_TIER}.légacy-état-inconnu was patched with a patch the ledger could not replay: its rules since version 5 are unknown.`,
    evidence: {
      objects: [
        {
          cluster: CLUSTER,
          resource: 'networkpolicies.projectcalico.org',
          namespace: 'finance-ledger',
          name: `${NON_ASCII_TIER}.légacy-état-inconnu`,
          version: 5,
        },
      ],
      auditIds: ['0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a'],
      positions: [1_199_871],
    },
    fix: 'Re-apply the policy with kubectl apply (a full object) so the ledger records its state, and raise the audit policy level for networkpolicies to RequestResponse.',
    references: ['Kubernetes docs: Auditing, audit policy levels'],
  },
  {
    id: 'PL-NET-003-1',
    ruleId: 'PL-NET-003',
    title: `Overly broad selector in tier ${LONG_TIER}`,
    severity: 'medium',
    cluster: CLUSTER,
    description: `NetworkPolicy finance-payments/${LONG_POLICY} selects ${LONG_SELECTOR}, which matches 212 endpoints across 9 namespaces.`,
    evidence: {
      objects: [
        {
          cluster: CLUSTER,
          resource: 'networkpolicies.projectcalico.org',
          namespace: 'finance-payments',
          name: LONG_POLICY,
          version: 3,
        },
      ],
      positions: [1_201_002],
    },
    fix: 'Split the policy per application and select by app.kubernetes.io/name only.',
    references: [],
  },
  {
    id: 'PL-AUD-002-1',
    ruleId: 'PL-AUD-002',
    title: 'Changes logged at Metadata level',
    severity: 'low',
    cluster: CLUSTER,
    description:
      '31 mutations of globalnetworksets.projectcalico.org were logged without request bodies: what they changed cannot be shown.',
    evidence: {
      objects: [
        {
          cluster: CLUSTER,
          resource: 'globalnetworksets.projectcalico.org',
          name: 'threat-feed-blocklist',
        },
      ],
      note: 'See chapter 6, audit trail completeness.',
    },
    fix: 'Log projectcalico.org resources at RequestResponse level in the API server audit policy.',
    references: ['Kubernetes docs: Auditing'],
  },
  {
    id: 'PL-NET-010-1',
    ruleId: 'PL-NET-010',
    title: 'Staged policy never promoted',
    severity: 'info',
    cluster: CLUSTER,
    description:
      'StagedGlobalNetworkPolicy security.isolate-untrusted-namespaces has been staged for 41 days.',
    evidence: {
      objects: [
        {
          cluster: CLUSTER,
          resource: 'stagedglobalnetworkpolicies.projectcalico.org',
          name: 'security.isolate-untrusted-namespaces',
          version: 3,
        },
      ],
    },
    fix: 'Review its flow logs, then promote it or delete it.',
    references: [],
  },
  ...Array.from(
    { length: 8 },
    (_, i): Finding => ({
      id: `PL-NET-002-${i + 1}`,
      ruleId: 'PL-NET-002',
      title: `Namespace without a default deny (${['payments', 'checkout', 'search', 'identity', 'monitoring', 'finance-ledger', 'finance-payments', 'checkout-service-canary-eu-west-1'][i]})`,
      severity: i < 2 ? 'high' : i < 5 ? 'medium' : 'low',
      cluster: CLUSTER,
      description:
        'No policy in the namespace or in an earlier tier denies traffic by default; pods accept connections from any endpoint the earlier tiers pass.',
      evidence: {
        positions: [1_210_000 + i],
        auditIds: [
          `${hex(i, 50, 8)}-${hex(i, 51, 4)}-4${hex(i, 52, 3)}-c${hex(i, 53, 3)}-${hex(i, 54, 12)}`,
        ],
      },
      fix: 'Add a default-deny NetworkPolicy selecting all pods of the namespace, after allows for DNS.',
      references: ['Kubernetes docs: Network policies, default deny'],
    }),
  ),
];

const COMPLETENESS: CompletenessRow[] = [
  {
    cluster: CLUSTER,
    resource: 'globalnetworkpolicies.projectcalico.org',
    complete: true,
    events: 1_284,
    metadataOnly: 0,
    truncated: 0,
    unknownStates: 0,
    deadLetters: 0,
    notes: [],
  },
  {
    cluster: CLUSTER,
    resource: 'networkpolicies.projectcalico.org',
    complete: false,
    events: 2_117,
    metadataOnly: 0,
    truncated: 2,
    unknownStates: 1,
    deadLetters: 0,
    notes: [
      '2 events truncated by the audit webhook batch size (maxBatchSize 400).',
      `Version 5 of ${NON_ASCII_TIER}.légacy-état-inconnu could not be replayed.`,
    ],
  },
  {
    cluster: CLUSTER,
    resource: 'networkpolicies.networking.k8s.io',
    complete: true,
    events: 640,
    metadataOnly: 0,
    truncated: 0,
    unknownStates: 0,
    deadLetters: 0,
    notes: [],
  },
  {
    cluster: CLUSTER,
    resource: 'globalnetworksets.projectcalico.org',
    complete: false,
    events: 31,
    metadataOnly: 31,
    truncated: 0,
    unknownStates: 31,
    deadLetters: 0,
    notes: ['Logged at Metadata level: request bodies absent.'],
  },
  {
    cluster: CLUSTER,
    resource: 'tiers.projectcalico.org',
    complete: true,
    events: 12,
    metadataOnly: 0,
    truncated: 0,
    unknownStates: 0,
    deadLetters: 0,
    notes: [],
  },
  {
    cluster: CLUSTER,
    resource: 'clusterrolebindings.rbac.authorization.k8s.io',
    complete: false,
    events: 418,
    metadataOnly: 0,
    truncated: 0,
    unknownStates: 0,
    deadLetters: 3,
    notes: [
      '3 events in the dead-letter topic: malformed JSON from a proxy in front of the webhook.',
    ],
  },
];

const THREATS: ThreatRow[] = [
  {
    threat: 'Lateral movement from a compromised pod to the payments database',
    expectedMitigation:
      'Default deny in every application namespace; database reachable only from labelled clients.',
    evidence: [
      `NetworkPolicy finance-ledger/${NON_ASCII_TIER}.autoriser-accès-base-de-données, order 100, selector app == 'grand-livre', Ingress, since 2026-03-04, version 3.`,
      'No default deny in namespaces payments and checkout (findings PL-NET-002-1, PL-NET-002-2).',
    ],
    evidenceRefs: {
      objects: [
        {
          cluster: CLUSTER,
          resource: 'networkpolicies.projectcalico.org',
          namespace: 'finance-ledger',
          name: `${NON_ASCII_TIER}.autoriser-accès-base-de-données`,
          version: 3,
        },
      ],
      positions: [1_210_000, 1_210_001],
    },
    status: 'partial',
    why: 'The database is protected, but the namespaces of its clients accept any connection the earlier tiers pass.',
    recommendation: 'Add default-deny policies to payments and checkout.',
  },
  {
    threat: 'Exfiltration to known-bad addresses',
    expectedMitigation: 'Egress to the threat feed denied before any application tier.',
    evidence: [
      'GlobalNetworkPolicy security.block-threat-feed, order 10, selector all(), Egress, since 2026-03-04, version 41.',
    ],
    evidenceRefs: {
      objects: [
        {
          cluster: CLUSTER,
          resource: 'globalnetworkpolicies.projectcalico.org',
          name: 'security.block-threat-feed',
          version: 41,
        },
      ],
      auditIds: ['9e8d7c6b-5a49-4382-a716-05f4e3d2c1b0'],
      positions: [1_233_410],
    },
    status: 'mitigated',
    why: 'The deny is in the first tier and selects every endpoint.',
    recommendation: 'Keep the feed refresh monitored.',
  },
  {
    threat: 'Unauthorised weakening of security-tier policies',
    expectedMitigation: 'Only netsec-admins can edit tier security; every edit is reviewed.',
    evidence: [
      `Group system:authenticated can patch stagedglobalnetworkpolicies in tier security through ClusterRoleBinding ${LONG_RBAC_NAME}.`,
    ],
    evidenceRefs: {
      objects: [
        {
          cluster: CLUSTER,
          resource: 'clusterrolebindings.rbac.authorization.k8s.io',
          name: LONG_RBAC_NAME,
          version: 2,
        },
      ],
      auditIds: ['aa11bb22-cc33-4d44-8e55-ff6677889900'],
      positions: [1_250_000],
    },
    status: 'not-mitigated',
    why: 'Every authenticated user holds write access to the tier’s staged policies.',
    recommendation: 'Remove the binding (finding PL-RBAC-004-1).',
  },
  {
    threat: 'Policy changes made outside GitOps',
    expectedMitigation: 'Changes to tiers come from the argocd service account only.',
    evidence: ['412 changes by human users in the period; 37 direct CRD writes.'],
    evidenceRefs: { note: 'See the policy audit in the compliance report for the same period.' },
    status: 'partial',
    why: 'Humans still change policies directly, some bypassing the Calico API server.',
    recommendation:
      'Restrict direct CRD writes to the operator; route human changes through pull requests.',
  },
  {
    threat: 'DNS tunnelling',
    expectedMitigation: 'Egress DNS only to kube-dns, with domain-based egress rules.',
    evidence: [],
    evidenceRefs: {},
    status: 'not-observable',
    why: 'Flow logs are not part of the audit trail: the ledger cannot show what DNS traffic was allowed.',
    recommendation: 'Enable Calico flow logs and DNS logs and review them alongside this report.',
  },
];
