import { type ChangeOutcome, type ComplianceSections, OUTCOMES } from '../../report-model';
import { formatCount, formatOutcome, formatPeriod } from '../format-report-values';
import type { PageFlow } from '../page-flow';
import { createChapterEntry, numberSections, type ReportChapter } from '../report-chapter';
import { INK, TEXT } from '../report-theme';
import { writeChapterTitle, writeParagraph, writeSectionHeading } from '../write-blocks';
import { writeChangesChart } from '../write-changes-chart';
import { type TableSpec, writeTable } from '../write-table';
import { writeSeverityCounts } from './write-severity-counts';

type Summary = ComplianceSections['summary'];

/** Posture, findings by severity, changes by outcome against the previous period, top actors, the chart. */
export function planSummaryChapter(number: number, summary: Summary): ReportChapter {
  const entry = createChapterEntry(number, 'summary', 'Executive summary');
  const sections = numberSections(number, [
    ['posture', 'Posture score and findings'],
    ['chart', 'Changes per day'],
    ['outcomes', 'Changes by outcome, against the previous period'],
    ['actors', 'Top actors'],
  ] as const);
  return {
    entry,
    sections: Object.values(sections),
    streamedRows: 0,
    async write(flow: PageFlow, tick: () => void) {
      writeChapterTitle(flow, entry);
      writeSectionHeading(flow, sections.posture);
      writePosture(flow, summary.postureScore);
      writeSeverityCounts(flow, summary.findingsBySeverity);
      writeSectionHeading(flow, sections.chart, 215);
      writeChangesChart(flow, summary.changesPerDay);
      writeSectionHeading(flow, sections.outcomes);
      await writeTable(flow, outcomesTable(summary), [...OUTCOMES, 'total' as const]);
      writeSectionHeading(flow, sections.actors);
      await writeTable(flow, actorsTable, summary.topActors);
      tick();
    },
  };
}

const BANDS = [
  { from: 85, label: 'Good', colour: INK.ok },
  { from: 60, label: 'Needs attention', colour: '#9a6700' },
  { from: 0, label: 'At risk', colour: INK.warning },
] as const;

function writePosture(flow: PageFlow, score: number): void {
  const band = BANDS.find((b) => score >= b.from) ?? BANDS[2];
  const big = { face: 'sansBold', size: 30, colour: band.colour } as const;
  flow.ensureSpace(60);
  const top = flow.y;
  const value = String(Math.round(score));
  flow.text(big, flow.left, top, value);
  const valueWidth = flow.widthOf(big, value);
  flow.text(
    { ...TEXT.body, size: 11, colour: INK.muted },
    flow.left + valueWidth + 4,
    top + 17,
    '/ 100',
  );
  const gauge = { left: flow.left + 110, right: flow.right, top: top + 10, height: 10 };
  const width = gauge.right - gauge.left;
  const filled = (Math.max(0, Math.min(100, score)) / 100) * width;
  flow.paint((doc) => {
    doc.rect(gauge.left, gauge.top, width, gauge.height).fill(INK.headerFill);
    doc.rect(gauge.left, gauge.top, filled, gauge.height).fill(band.colour);
    for (const mark of [60, 85]) {
      const x = gauge.left + (mark / 100) * width;
      doc
        .moveTo(x, gauge.top - 2)
        .lineTo(x, gauge.top + gauge.height + 2)
        .lineWidth(0.8)
        .strokeColor(INK.text)
        .stroke();
    }
  });
  for (const mark of [0, 60, 85, 100]) {
    const label = String(mark);
    const x = gauge.left + (mark / 100) * width - flow.widthOf(TEXT.caption, label) / 2;
    flow.text(
      TEXT.caption,
      Math.min(x, gauge.right - flow.widthOf(TEXT.caption, label)),
      gauge.top + gauge.height + 3,
      label,
    );
  }
  flow.text(
    { ...TEXT.bodyBold, colour: band.colour },
    gauge.left,
    top - 3,
    `${band.label} (${value} of 100)`,
  );
  flow.y = top + 46;
  writeParagraph(
    flow,
    'The posture score is 100 minus the severity-weighted findings of the best-practice chapter; 85 and above is good, below 60 at risk.',
    TEXT.muted,
  );
}

type OutcomeRow = ChangeOutcome | 'total';

function outcomesTable(summary: Summary): TableSpec<OutcomeRow> {
  const current = (row: OutcomeRow) => countOf(summary.changesByOutcome, row);
  const previous = (row: OutcomeRow) => countOf(summary.trend.changesByOutcome, row);
  const bold = (row: OutcomeRow, text: string) =>
    row === 'total' ? { text, style: TEXT.cellBold } : text;
  return {
    caption: 'Changes by outcome',
    columns: [
      {
        header: 'Outcome',
        weight: 25,
        cell: (row) => bold(row, row === 'total' ? 'All outcomes' : formatOutcome(row)),
      },
      {
        header: 'This period',
        weight: 20,
        align: 'right',
        cell: (row) => bold(row, formatCount(current(row))),
      },
      {
        header: `Previous period ${formatPeriod(summary.trend.previous)}`,
        weight: 30,
        align: 'right',
        cell: (row) => bold(row, formatCount(previous(row))),
      },
      {
        header: 'Difference',
        weight: 25,
        align: 'right',
        cell: (row) => bold(row, formatDifference(current(row), previous(row))),
      },
    ],
  };
}

function countOf(counts: Record<ChangeOutcome, number>, row: OutcomeRow): number {
  return row === 'total'
    ? OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0)
    : counts[row];
}

/** "+12 (+8.3 %)", "−3 (−50.0 %)", "+4 (new)", "0". */
export function formatDifference(current: number, previous: number): string {
  const delta = current - previous;
  if (delta === 0) return '0';
  const sign = delta > 0 ? '+' : '−';
  const relative =
    previous === 0 ? 'new' : `${sign}${((Math.abs(delta) / previous) * 100).toFixed(1)} %`;
  return `${sign}${formatCount(Math.abs(delta))} (${relative})`;
}

const actorsTable: TableSpec<Summary['topActors'][number]> = {
  caption: 'Top actors',
  empty: 'No changes in the period.',
  columns: [
    { header: 'Actor', weight: 60, cell: (a) => ({ text: a.actor, style: TEXT.cellBold }) },
    { header: 'Changes', weight: 20, align: 'right', cell: (a) => formatCount(a.changes) },
    { header: 'Denied', weight: 20, align: 'right', cell: (a) => formatCount(a.denied) },
  ],
};
