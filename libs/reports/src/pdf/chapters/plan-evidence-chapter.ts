import type {
  ChangeEvidence,
  DeniedAttemptsByActor,
  Evidence,
  Finding,
  Rows,
  ThreatRow,
} from '../../report-model';
import { describeObjects, listPositions, sortFindings } from '../describe-evidence';
import { formatInstant, formatList } from '../format-report-values';
import type { PageFlow } from '../page-flow';
import { createChapterEntry, numberSections, type ReportChapter } from '../report-chapter';
import { TEXT } from '../report-theme';
import { writeChapterTitle, writeParagraph, writeSectionHeading } from '../write-blocks';
import { type Cell, type TableSpec, writeTable } from '../write-table';

export interface EvidenceSources {
  threats?: readonly ThreatRow[];
  findings: readonly Finding[];
  changes?: Rows<ChangeEvidence>;
  deniedAndFailed: readonly DeniedAttemptsByActor[];
}

const TITLES = {
  threats: 'Threats',
  findings: 'Findings',
  changes: 'Changes',
  denied: 'Denied and failed attempts',
} as const;

/** For each statement, the audit ids and ledger positions an assessor can pull raw events with. */
export function planEvidenceChapter(number: number, sources: EvidenceSources): ReportChapter {
  const entry = createChapterEntry(number, 'evidence', 'Evidence appendix');
  const sections = numberSections(number, evidenceSectionsOf(sources));
  return {
    entry,
    sections: Object.values(sections),
    streamedRows: sources.changes?.count ?? 0,
    async write(flow: PageFlow, tick: () => void) {
      writeChapterTitle(flow, entry);
      writeParagraph(
        flow,
        'The raw evidence behind each statement of this report. An audit id is the Kubernetes audit event’s auditID; a ledger position is the entry’s sequence number in the Policy Ledger, covered by its hash chain (the command “policy-ledger verify” recomputes the chain).',
      );
      if (sources.threats !== undefined && sections.threats !== undefined) {
        writeSectionHeading(flow, sections.threats);
        await writeTable(flow, threatEvidenceTable, sources.threats);
      }
      if (sections.findings !== undefined) writeSectionHeading(flow, sections.findings);
      await writeTable(flow, findingEvidenceTable, sortFindings(sources.findings));
      if (sources.changes !== undefined && sections.changes !== undefined) {
        writeSectionHeading(flow, sections.changes);
        await writeTable(flow, changeEvidenceTable, sources.changes.open(), { onRow: tick });
      }
      if (sections.denied !== undefined) writeSectionHeading(flow, sections.denied);
      await writeTable(flow, deniedEvidenceTable, sources.deniedAndFailed);
      tick();
    },
  };
}

type EvidenceSection = keyof typeof TITLES;

function evidenceSectionsOf(sources: EvidenceSources): [EvidenceSection, string][] {
  const keys: EvidenceSection[] = [
    ...(sources.threats === undefined ? [] : ['threats' as const]),
    'findings',
    ...(sources.changes === undefined ? [] : ['changes' as const]),
    'denied',
  ];
  return keys.map((key) => [key, TITLES[key]]);
}

/** The contents number of an appendix section, for cross references ("appendix 7.2"). */
export function locateEvidenceSection(
  chapter: number,
  sources: EvidenceSources,
  section: EvidenceSection,
): string {
  const index = evidenceSectionsOf(sources).findIndex(([key]) => key === section);
  return `appendix ${chapter}.${index + 1}`;
}

const MONO = TEXT.cellMono;

function evidenceCells(evidence: Evidence): { audits: Cell; positions: Cell; objects: Cell } {
  return {
    audits: { text: formatList(evidence.auditIds ?? []), style: MONO },
    positions: { text: listPositions(evidence.positions), style: MONO },
    objects: [
      ...describeObjects(evidence).map((text) => ({ text, bullet: true })),
      ...(evidence.note === undefined ? [] : [{ text: evidence.note, style: TEXT.cellMuted }]),
    ],
  };
}

const threatEvidenceTable: TableSpec<ThreatRow> = {
  caption: 'Evidence for threats',
  empty: 'No threats assessed.',
  columns: [
    { header: 'Threat', weight: 24, cell: (t) => ({ text: t.threat, style: TEXT.cellBold }) },
    { header: 'Audit ids', weight: 28, cell: (t) => evidenceCells(t.evidenceRefs).audits },
    {
      header: 'Ledger positions',
      weight: 16,
      cell: (t) => evidenceCells(t.evidenceRefs).positions,
    },
    { header: 'Objects', weight: 32, cell: (t) => evidenceCells(t.evidenceRefs).objects },
  ],
};

const findingEvidenceTable: TableSpec<Finding> = {
  caption: 'Evidence for findings',
  empty: 'No findings.',
  columns: [
    { header: 'Finding', weight: 16, cell: (f) => ({ text: f.id, style: TEXT.cellBold }) },
    { header: 'Audit ids', weight: 34, cell: (f) => evidenceCells(f.evidence).audits },
    { header: 'Ledger positions', weight: 18, cell: (f) => evidenceCells(f.evidence).positions },
    { header: 'Objects', weight: 32, cell: (f) => evidenceCells(f.evidence).objects },
  ],
};

const changeEvidenceTable: TableSpec<ChangeEvidence> = {
  caption: 'Evidence for changes',
  empty: 'No changes in the period.',
  columns: [
    { header: 'Change id', weight: 18, cell: (c) => ({ text: c.id, style: MONO }) },
    {
      header: 'When (UTC)',
      weight: 16,
      cell: (c) => formatInstant(c.occurredAt).replace(' UTC', ''),
    },
    {
      header: 'Audit id',
      weight: 32,
      cell: (c) => ({ text: c.auditId ?? '— (no audit event)', style: MONO }),
    },
    {
      header: 'Ledger positions',
      weight: 26,
      cell: (c) => ({ text: listPositions(c.positions), style: MONO }),
    },
    {
      header: 'Version',
      weight: 8,
      align: 'right',
      cell: (c) => (c.version === undefined ? '—' : `v${c.version}`),
    },
  ],
};

const deniedEvidenceTable: TableSpec<DeniedAttemptsByActor> = {
  caption: 'Evidence for denied and failed attempts',
  empty: 'No denied or failed attempts.',
  columns: [
    {
      header: 'Actor',
      weight: 30,
      cell: (d) => [
        { text: d.actor, style: TEXT.cellBold },
        { text: `cluster ${d.cluster}`, style: TEXT.cellMuted },
      ],
    },
    {
      header: 'Audit ids',
      weight: 70,
      cell: (d) => ({ text: formatList(d.auditIds), style: MONO }),
    },
  ],
};
