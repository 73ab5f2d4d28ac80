import type { AccessEntry, IndirectAccess, Subject, TierAccess } from '../../report-model';
import { formatList, formatSubject } from '../format-report-values';
import type { PageFlow } from '../page-flow';
import { createChapterEntry, type ReportChapter } from '../report-chapter';
import { TEXT } from '../report-theme';
import { writeChapterTitle, writeParagraph } from '../write-blocks';
import { type Cell, type TableSpec, writeTable } from '../write-table';

/** Who can edit each tier's policies or the tier itself at the period end, and through what. */
export function planAccessChapter(number: number, tiers: readonly TierAccess[]): ReportChapter {
  const entry = createChapterEntry(number, 'access', 'Access control');
  return {
    entry,
    sections: [],
    streamedRows: 0,
    async write(flow: PageFlow, tick: () => void) {
      writeChapterTitle(flow, entry);
      writeParagraph(
        flow,
        'For each tier: the subjects able to create, change or delete its policies (policy editors) and the tier itself (tier modifiers), each with the binding and role that grant it; subjects who could obtain that access indirectly (escalate, bind, impersonate, RBAC or CRD writes, system:masters); and who gained or lost editing access during the period. Group membership is what audit events showed, not an authoritative directory.',
      );
      if (tiers.length === 0) writeParagraph(flow, 'No tiers in scope.', TEXT.muted);
      for (const tier of tiers) await writeTierAccess(flow, tier);
      tick();
    },
  };
}

async function writeTierAccess(flow: PageFlow, tier: TierAccess): Promise<void> {
  if (flow.y > flow.top + 1) flow.y += 8;
  const heading = { text: `Tier ${tier.tier} · cluster ${tier.cluster}`, style: TEXT.heading };
  await writeTable(
    flow,
    accessTable(`Policy editors of tier ${tier.tier}`, 'No subject can edit this tier’s policies.'),
    tier.policyEditors,
    { heading },
  );
  await writeTable(
    flow,
    accessTable(`Tier modifiers of tier ${tier.tier}`, 'No subject can modify the tier object.'),
    tier.tierModifiers,
  );
  await writeTable(flow, indirectTable(tier.tier), tier.indirect);
  await writeTable(flow, changesTable(tier.tier), accessChanges(tier));
  for (const caveat of tier.caveats) writeParagraph(flow, `Caveat: ${caveat}`, TEXT.muted);
}

function accessTable(caption: string, empty: string): TableSpec<AccessEntry> {
  return {
    caption,
    empty,
    columns: [
      {
        header: caption.startsWith('Policy') ? 'Policy editor' : 'Tier modifier',
        weight: 26,
        cell: subjectCell,
      },
      { header: 'Verbs', weight: 12, cell: (e) => formatList(e.verbs) },
      {
        header: 'Kinds',
        weight: 23,
        cell: (e) => (e.kinds.length === 0 ? 'the tier object' : e.kinds.join(', ')),
      },
      { header: 'Scope', weight: 14, cell: scopeCell },
      {
        header: 'Granted by (binding → role)',
        weight: 28,
        cell: (e) => e.via.map((text) => ({ text, bullet: true })),
      },
    ],
  };
}

function subjectCell(entry: AccessEntry): Cell {
  return [
    { text: formatSubject(entry.subject), style: TEXT.cellBold },
    ...(entry.description === undefined
      ? []
      : [{ text: entry.description, style: TEXT.cellMuted }]),
    ...(entry.observedMembers === undefined || entry.observedMembers.length === 0
      ? []
      : [
          {
            text: `seen presenting it: ${entry.observedMembers.join(', ')}`,
            style: TEXT.cellMuted,
          },
        ]),
  ];
}

function scopeCell(entry: AccessEntry): Cell {
  const where =
    entry.scope === 'cluster' ? 'cluster-wide' : `namespaces ${formatList(entry.scope.namespaces)}`;
  const names = entry.names === 'all' ? 'all names' : `names ${formatList(entry.names)}`;
  return [where, { text: names, style: TEXT.cellMuted }];
}

const PATH_LABELS: Record<IndirectAccess['path'], string> = {
  escalate: 'escalate: can grant itself any role',
  bind: 'bind: can bind roles it does not hold',
  'rbac-write': 'RBAC write: can edit roles or bindings',
  impersonate: 'impersonate: can act as other subjects',
  'crd-write': 'CRD write: can write Calico CRDs directly',
  'webhook-write': 'webhook write: can register admission webhooks that rewrite policies',
  'system:masters': 'system:masters: bypasses RBAC',
};

function indirectTable(tier: string): TableSpec<IndirectAccess> {
  return {
    caption: `Indirect paths to tier ${tier}`,
    empty: 'No indirect path found.',
    columns: [
      {
        header: 'Subject with an indirect path',
        weight: 30,
        cell: (i) => ({ text: formatSubject(i.subject), style: TEXT.cellBold }),
      },
      { header: 'Path', weight: 25, cell: (i) => PATH_LABELS[i.path] },
      { header: 'Detail', weight: 45, cell: (i) => i.detail },
    ],
  };
}

interface AccessChange {
  what: string;
  subjects: readonly Subject[];
}

function accessChanges(tier: TierAccess): AccessChange[] {
  return [
    { what: 'Gained editing access during the period', subjects: tier.gained },
    { what: 'Lost editing access during the period', subjects: tier.lost },
    ...(tier.outsideOwners === undefined
      ? []
      : [{ what: 'Editors outside the tier’s configured owners', subjects: tier.outsideOwners }]),
  ];
}

function changesTable(tier: string): TableSpec<AccessChange> {
  return {
    caption: `Access changes for tier ${tier}`,
    columns: [
      {
        header: 'Access change',
        weight: 30,
        cell: (c) => ({ text: c.what, style: TEXT.cellBold }),
      },
      {
        header: 'Subjects',
        weight: 70,
        cell: (c) =>
          c.subjects.length === 0
            ? { text: 'None.', style: TEXT.cellMuted }
            : c.subjects.map(formatSubject),
      },
    ],
  };
}
