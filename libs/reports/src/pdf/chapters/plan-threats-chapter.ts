import type { DeniedAttemptsByActor, ThreatRow } from '../../report-model';
import { drawBadge, layoutBadge } from '../draw-badge';
import { formatCount } from '../format-report-values';
import type { PageFlow } from '../page-flow';
import { createChapterEntry, type ReportChapter } from '../report-chapter';
import { INK, pickStatusTone, TEXT } from '../report-theme';
import { writeChapterTitle, writeParagraph } from '../write-blocks';
import { type TableSpec, writeTable } from '../write-table';
import { createDeniedAttemptsTable } from './create-denied-attempts-table';

const STATUSES: readonly ThreatRow['status'][] = [
  'not-mitigated',
  'partial',
  'not-observable',
  'mitigated',
];

export function formatStatusLabel(status: ThreatRow['status']): string {
  return status.replace('-', ' ').toUpperCase();
}

/** Each threat against the mitigation expected, what the ledger shows, and what to do. */
export function planThreatsChapter(
  number: number,
  threats: readonly ThreatRow[],
  appendixSection: string,
): ReportChapter {
  const entry = createChapterEntry(number, 'threats', 'Threat model');
  return {
    entry,
    sections: [],
    streamedRows: 0,
    async write(flow: PageFlow, tick: () => void) {
      writeChapterTitle(flow, entry);
      writeParagraph(
        flow,
        `Each threat is set against the mitigation expected of the cluster and the evidence the ledger holds at the period end. NOT OBSERVABLE means the audit trail cannot show whether the mitigation holds. The audit events and ledger positions behind the evidence are in ${appendixSection}.`,
      );
      writeStatusCounts(flow, threats);
      await writeTable(flow, threatsTable, threats);
      tick();
    },
  };
}

function writeStatusCounts(flow: PageFlow, threats: readonly ThreatRow[]): void {
  const height = layoutBadge(flow, 'PARTIAL').height;
  flow.ensureSpace(height + 8);
  let x = flow.left;
  for (const status of STATUSES) {
    x +=
      drawBadge(flow, x, flow.y, {
        badge: formatStatusLabel(status),
        tone: pickStatusTone(status),
      }) + 4;
    const count = formatCount(threats.filter((threat) => threat.status === status).length);
    flow.text(TEXT.bodyBold, x, flow.y + (height - flow.lineHeight(TEXT.bodyBold)) / 2, count);
    x += flow.widthOf(TEXT.bodyBold, count) + 16;
  }
  flow.y += height + 10;
}

const threatsTable: TableSpec<ThreatRow> = {
  caption: 'Threat model',
  empty: 'No threats assessed.',
  columns: [
    {
      header: 'Threat · expected mitigation',
      weight: 23,
      cell: (t) => [
        { text: t.threat, style: TEXT.cellBold },
        { text: `Expected: ${t.expectedMitigation}`, style: TEXT.cellMuted },
      ],
    },
    {
      header: 'Evidence',
      weight: 25,
      cell: (t) =>
        t.evidence.length === 0
          ? { text: 'No evidence in the ledger.', style: TEXT.cellMuted }
          : t.evidence.map((text) => ({ text, bullet: t.evidence.length > 1 })),
    },
    {
      header: 'Status',
      weight: 16,
      cell: (t) => ({ badge: formatStatusLabel(t.status), tone: pickStatusTone(t.status) }),
    },
    { header: 'Why', weight: 18, cell: (t) => t.why },
    {
      header: 'Recommendation',
      weight: 18,
      cell: (t) => ({ text: t.recommendation, style: { ...TEXT.cell, colour: INK.text } }),
    },
  ],
};

/** The threat model's denied and failed attempts, grouped by actor. */
export function planDeniedChapter(
  number: number,
  denied: readonly DeniedAttemptsByActor[],
  appendixSection: string,
): ReportChapter {
  const entry = createChapterEntry(number, 'denied', 'Denied and failed attempts');
  return {
    entry,
    sections: [],
    streamedRows: 0,
    async write(flow: PageFlow, tick: () => void) {
      writeChapterTitle(flow, entry);
      writeParagraph(
        flow,
        'Attempts the API server refused (RBAC or admission) or that failed, grouped by actor: repeated denials can be probing, or a pipeline whose permissions drifted.',
      );
      await writeTable(flow, createDeniedAttemptsTable(appendixSection), denied);
      tick();
    },
  };
}
