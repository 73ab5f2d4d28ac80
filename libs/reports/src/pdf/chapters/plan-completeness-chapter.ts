import type { CompletenessRow } from '../../report-model';
import { formatCount } from '../format-report-values';
import type { PageFlow } from '../page-flow';
import { createChapterEntry, type ReportChapter } from '../report-chapter';
import { INK, TEXT } from '../report-theme';
import { writeChapterTitle, writeParagraph } from '../write-blocks';
import { type Cell, type TableSpec, writeTable } from '../write-table';

/** How complete the audit trail behind the report is, per cluster and resource. */
export function planCompletenessChapter(
  number: number,
  rows: readonly CompletenessRow[],
): ReportChapter {
  const entry = createChapterEntry(number, 'completeness', 'Audit trail completeness');
  return {
    entry,
    sections: [],
    streamedRows: 0,
    async write(flow: PageFlow, tick: () => void) {
      writeChapterTitle(flow, entry);
      writeParagraph(
        flow,
        'A statement is only as good as the audit trail behind it. For each tracked resource: the audit events received in the period, mutations logged at Metadata level (request bodies expected but absent), truncated events, versions whose state the ledger could not reconstruct, and events routed to the dead-letter topic. A resource marked GAPS has at least one of these.',
      );
      const gaps = rows.filter((row) => !row.complete).length;
      writeParagraph(
        flow,
        gaps === 0
          ? 'The trail is complete for every tracked resource.'
          : `The trail has gaps for ${formatCount(gaps)} of ${formatCount(rows.length)} tracked resources.`,
        TEXT.bodyBold,
      );
      await writeTable(flow, completenessTable, rows);
      tick();
    },
  };
}

const completenessTable: TableSpec<CompletenessRow> = {
  caption: 'Audit trail completeness',
  empty: 'No tracked resources.',
  columns: [
    {
      header: 'Resource',
      weight: 24,
      cell: (r) => [
        { text: r.resource, style: TEXT.cellBold },
        { text: `cluster ${r.cluster}`, style: TEXT.cellMuted },
      ],
    },
    { header: 'Trail', weight: 11, cell: statusCell },
    { header: 'Events', weight: 8, align: 'right', cell: (r) => formatCount(r.events) },
    {
      header: 'Metadata only',
      weight: 10,
      align: 'right',
      cell: (r) => formatCount(r.metadataOnly),
    },
    { header: 'Truncated', weight: 10, align: 'right', cell: (r) => formatCount(r.truncated) },
    {
      header: 'Unknown states',
      weight: 10,
      align: 'right',
      cell: (r) => formatCount(r.unknownStates),
    },
    { header: 'Dead letters', weight: 9, align: 'right', cell: (r) => formatCount(r.deadLetters) },
    {
      header: 'Notes',
      weight: 25,
      cell: (r) =>
        r.notes.length === 0
          ? { text: '—', style: TEXT.cellMuted }
          : r.notes.map((text) => ({ text, bullet: r.notes.length > 1 })),
    },
  ],
};

function statusCell(row: CompletenessRow): Cell {
  return row.complete
    ? { badge: 'COMPLETE', tone: { fill: INK.ok, text: INK.white } }
    : { badge: 'GAPS', tone: { fill: INK.warning, text: INK.white } };
}
