import type { DeniedAttemptsByActor } from '../../report-model';
import { formatCount, formatList } from '../format-report-values';
import { TEXT } from '../report-theme';
import type { TableSpec } from '../write-table';

/** Denied and failed attempts grouped by actor; their audit ids are in the evidence appendix. */
export function createDeniedAttemptsTable(
  appendixSection: string,
): TableSpec<DeniedAttemptsByActor> {
  return {
    caption: 'Denied and failed attempts by actor',
    empty: 'No denied or failed attempts in the period.',
    columns: [
      { header: 'Actor', weight: 30, cell: (d) => ({ text: d.actor, style: TEXT.cellBold }) },
      { header: 'Cluster', weight: 11, cell: (d) => d.cluster },
      { header: 'Denied', weight: 8, align: 'right', cell: (d) => formatCount(d.denied) },
      { header: 'Failed', weight: 8, align: 'right', cell: (d) => formatCount(d.failed) },
      {
        header: 'Targets',
        weight: 43,
        cell: (d) => [
          formatList(d.targets),
          {
            text: `${formatCount(d.auditIds.length)} audit ids in ${appendixSection}`,
            style: TEXT.cellMuted,
          },
        ],
      },
    ],
  };
}
