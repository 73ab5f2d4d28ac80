import type { ComplianceSections, NetworkSetRow, PolicyRow, TierRow } from '../../report-model';
import { compareText } from '../describe-evidence';
import { formatCount, formatDay, formatList, formatShortInstant } from '../format-report-values';
import type { PageFlow } from '../page-flow';
import { createChapterEntry, numberSections, type ReportChapter } from '../report-chapter';
import { INK, TEXT } from '../report-theme';
import { writeChapterTitle, writeParagraph, writeSectionHeading } from '../write-blocks';
import { type Cell, type TableSpec, writeTable } from '../write-table';

type Inventory = ComplianceSections['inventory'];

/** The policy set at the period end: tiers in evaluation order, their policies, network sets. */
export function planInventoryChapter(number: number, inventory: Inventory): ReportChapter {
  const entry = createChapterEntry(number, 'inventory', 'Policy inventory');
  const sections = numberSections(number, [
    ['tiers', 'Tiers in evaluation order'],
    ['policies', 'Policies by tier'],
    ['sets', 'Network sets'],
  ] as const);
  return {
    entry,
    sections: Object.values(sections),
    streamedRows: 0,
    async write(flow: PageFlow, tick: () => void) {
      writeChapterTitle(flow, entry);
      writeParagraph(
        flow,
        'The network policy set as the ledger knew it at the period end. Calico evaluates tiers in ascending order and, within a tier, policies in ascending order; a tier’s default action applies to traffic its policies select but do not decide. Kubernetes NetworkPolicies are evaluated in the default tier.',
      );
      const tiers = sortTiers(inventory.tiers);
      writeSectionHeading(flow, sections.tiers);
      await writeTable(flow, tiersTable, tiers);
      writeSectionHeading(flow, sections.policies);
      for (const group of groupPoliciesByTier(tiers, inventory.policies)) {
        if (flow.y > flow.top + 1) flow.y += 4;
        await writeTable(flow, policiesTable(group.heading), group.policies, {
          heading: { text: group.heading, style: TEXT.subheading },
        });
      }
      writeSectionHeading(flow, sections.sets);
      await writeTable(flow, networkSetsTable, inventory.networkSets);
      tick();
    },
  };
}

/** Calico order: ascending order, tiers without one last, then by name. */
function sortTiers(tiers: readonly TierRow[]): TierRow[] {
  const order = (tier: TierRow) => tier.order ?? Number.POSITIVE_INFINITY;
  return [...tiers].sort(
    (a, b) =>
      order(a) - order(b) || compareText(a.cluster, b.cluster) || compareText(a.name, b.name),
  );
}

interface PolicyGroup {
  heading: string;
  policies: PolicyRow[];
}

function groupPoliciesByTier(
  tiers: readonly TierRow[],
  policies: readonly PolicyRow[],
): PolicyGroup[] {
  const key = (cluster: string, tier: string) => `${cluster}\u0000${tier}`;
  const byTier = new Map<string, PolicyRow[]>();
  for (const policy of policies) {
    const k = key(policy.cluster, policy.tier);
    const rows = byTier.get(k);
    if (rows === undefined) byTier.set(k, [policy]);
    else rows.push(policy);
  }
  const groups: PolicyGroup[] = [];
  for (const tier of tiers) {
    const k = key(tier.cluster, tier.name);
    groups.push({ heading: tierHeading(tier), policies: sortPolicies(byTier.get(k) ?? []) });
    byTier.delete(k);
  }
  for (const [k, rows] of [...byTier].sort(([a], [b]) => compareText(a, b))) {
    const [cluster = '', tier = ''] = k.split('\u0000');
    groups.push({
      heading: `Tier ${tier} · cluster ${cluster} · not in the tier inventory`,
      policies: sortPolicies(rows),
    });
  }
  return groups;
}

function tierHeading(tier: TierRow): string {
  const order = tier.order === undefined ? 'no order (evaluated last)' : `order ${tier.order}`;
  return `Tier ${tier.name} · cluster ${tier.cluster} · ${order} · default action ${tier.defaultAction}`;
}

function sortPolicies(policies: readonly PolicyRow[]): PolicyRow[] {
  const order = (policy: PolicyRow) => policy.order ?? Number.POSITIVE_INFINITY;
  return [...policies].sort(
    (a, b) =>
      order(a) - order(b) ||
      compareText(a.namespace ?? '', b.namespace ?? '') ||
      compareText(a.name, b.name),
  );
}

const tiersTable: TableSpec<TierRow> = {
  caption: 'Tiers in evaluation order',
  empty: 'No tiers in scope.',
  columns: [
    {
      header: 'Order',
      weight: 9,
      align: 'right',
      cell: (t) => (t.order === undefined ? '—' : formatCount(t.order)),
    },
    { header: 'Tier', weight: 34, cell: (t) => ({ text: t.name, style: TEXT.cellBold }) },
    { header: 'Cluster', weight: 13, cell: (t) => t.cluster },
    { header: 'Default action', weight: 13, cell: (t) => t.defaultAction },
    { header: 'Policies', weight: 10, align: 'right', cell: (t) => formatCount(t.policies) },
    {
      header: 'Version since',
      weight: 21,
      cell: (t) => `v${t.version} since ${formatDay(t.since)}`,
    },
  ],
};

function policiesTable(caption: string): TableSpec<PolicyRow> {
  return {
    caption,
    empty: 'No policies in this tier.',
    columns: [
      { header: 'Policy', weight: 27, cell: policyCell },
      {
        header: 'Order',
        weight: 8,
        align: 'right',
        cell: (p) => (p.order === undefined ? '—' : String(p.order)),
      },
      { header: 'Selector', weight: 27, cell: (p) => ({ text: p.selector, style: TEXT.cellMono }) },
      { header: 'Types', weight: 10, cell: (p) => p.types.join(', ') },
      {
        header: 'Actions used',
        weight: 11,
        cell: (p) => [
          formatList(p.actionsUsed),
          { text: `${p.ruleCount} rules`, style: TEXT.cellMuted },
        ],
      },
      { header: 'State', weight: 17, cell: stateCell },
    ],
  };
}

function policyCell(policy: PolicyRow): Cell {
  const name = policy.namespace === undefined ? policy.name : `${policy.namespace}/${policy.name}`;
  return [
    { text: name, style: TEXT.cellBold },
    { text: policy.kind, style: TEXT.cellMuted },
  ];
}

function stateCell(policy: PolicyRow): Cell {
  const badge = policy.staged
    ? { badge: 'STAGED', tone: { fill: INK.headerFill, text: INK.text } }
    : policy.enforced
      ? { badge: 'ENFORCED', tone: { fill: INK.ok, text: INK.white } }
      : { badge: 'NOT ENFORCED', tone: { fill: INK.warning, text: INK.white } };
  const known = policy.stateKnown
    ? []
    : [{ text: 'state not reconstructable', style: { ...TEXT.cellMuted, colour: INK.warning } }];
  return [
    badge,
    { text: `v${policy.version} since ${formatShortInstant(policy.since)}`, style: TEXT.cellMuted },
    ...known,
  ];
}

const networkSetsTable: TableSpec<NetworkSetRow> = {
  caption: 'Network sets',
  empty: 'No network sets in scope.',
  columns: [
    {
      header: 'Network set',
      weight: 32,
      cell: (s) => [
        {
          text: s.namespace === undefined ? s.name : `${s.namespace}/${s.name}`,
          style: TEXT.cellBold,
        },
        { text: s.kind, style: TEXT.cellMuted },
      ],
    },
    { header: 'Cluster', weight: 12, cell: (s) => s.cluster },
    { header: 'Nets', weight: 9, align: 'right', cell: (s) => formatCount(s.nets) },
    { header: 'Domains', weight: 9, align: 'right', cell: (s) => formatCount(s.domains) },
    {
      header: 'Labels',
      weight: 38,
      cell: (s) => ({ text: formatLabels(s.labels), style: TEXT.cellMono }),
    },
  ],
};

function formatLabels(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort(compareText)
    .map((key) => `${key}=${labels[key]}`);
  return pairs.length === 0 ? '—' : pairs.join(' ');
}
