import type { ChangeRow, ComplianceSections } from '../../report-model';
import { formatCount } from '../format-report-values';
import type { PageFlow } from '../page-flow';
import { createChapterEntry, numberSections, type ReportChapter } from '../report-chapter';
import { TEXT } from '../report-theme';
import { writeChapterTitle, writeParagraph, writeSectionHeading } from '../write-blocks';
import { type TableSpec, writeTable } from '../write-table';
import { createDeniedAttemptsTable } from './create-denied-attempts-table';
import {
  formatActor,
  formatChangedObject,
  formatOutcomeAndRisk,
  formatSemanticDiff,
  formatWhen,
} from './format-change-cells';

type PolicyAudit = ComplianceSections['policyAudit'];

/** Counts per tier, every change of the period (streamed), denied and failed attempts by actor. */
export function planAuditChapter(
  number: number,
  audit: PolicyAudit,
  appendix: { changes: string; denied: string },
  showCluster: boolean,
): ReportChapter {
  const entry = createChapterEntry(number, 'audit', 'Policy audit');
  const sections = numberSections(number, [
    ['counts', 'Changes per tier'],
    ['changes', 'Every change in the period'],
    ['denied', 'Denied and failed attempts'],
  ] as const);
  return {
    entry,
    sections: Object.values(sections),
    streamedRows: audit.changes.count,
    async write(flow: PageFlow, tick: () => void) {
      writeChapterTitle(flow, entry);
      writeSectionHeading(flow, sections.counts);
      await writeTable(flow, countsTable, audit.countsPerTier);
      writeSectionHeading(flow, sections.changes);
      writeParagraph(
        flow,
        `${formatCount(audit.changes.count)} changes in time order, with who made them (and who impersonated whom), from where, what changed in the policy’s meaning, and the assessed risk. Denied, failed and dry-run attempts are included. The change id in the first column leads to the audit events and ledger positions in ${appendix.changes}.`,
      );
      await writeTable(flow, changesTable(showCluster), audit.changes.open(), { onRow: tick });
      writeSectionHeading(flow, sections.denied);
      await writeTable(flow, createDeniedAttemptsTable(appendix.denied), audit.deniedAndFailed);
      tick();
    },
  };
}

const countsTable: TableSpec<PolicyAudit['countsPerTier'][number]> = {
  caption: 'Changes per tier',
  empty: 'No policy changes in the period.',
  columns: [
    { header: 'Tier', weight: 46, cell: (c) => ({ text: c.tier, style: TEXT.cellBold }) },
    { header: 'Cluster', weight: 18, cell: (c) => c.cluster },
    { header: 'Created', weight: 12, align: 'right', cell: (c) => formatCount(c.created) },
    { header: 'Modified', weight: 12, align: 'right', cell: (c) => formatCount(c.modified) },
    { header: 'Deleted', weight: 12, align: 'right', cell: (c) => formatCount(c.deleted) },
  ],
};

function changesTable(showCluster: boolean): TableSpec<ChangeRow> {
  return {
    caption: 'Every change in the period',
    empty: 'No changes in the period.',
    columns: [
      { header: 'When (UTC) · change id', weight: 15, cell: formatWhen },
      { header: 'Actor · source', weight: 23, cell: formatActor },
      { header: 'Change', weight: 26, cell: (change) => formatChangedObject(change, showCluster) },
      { header: 'What changed', weight: 34, cell: formatSemanticDiff },
      { header: 'Outcome · risk', weight: 14, cell: formatOutcomeAndRisk },
    ],
  };
}
