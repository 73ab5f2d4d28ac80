import type { Finding } from '../../report-model';
import { countEvidence, describeObjects, sortFindings } from '../describe-evidence';
import type { PageFlow } from '../page-flow';
import { createChapterEntry, type ReportChapter } from '../report-chapter';
import { pickSeverityTone, TEXT } from '../report-theme';
import { writeChapterTitle, writeParagraph } from '../write-blocks';
import { type TableSpec, writeTable } from '../write-table';
import { writeSeverityCounts } from './write-severity-counts';

/** Every best-practice finding: what was found, the evidence behind it, and how to fix it. */
export function planFindingsChapter(
  number: number,
  findings: readonly Finding[],
  appendixSection: string,
): ReportChapter {
  const entry = createChapterEntry(number, 'findings', 'Best-practice findings');
  return {
    entry,
    sections: [],
    streamedRows: 0,
    async write(flow: PageFlow, tick: () => void) {
      writeChapterTitle(flow, entry);
      writeParagraph(
        flow,
        `Each finding names the objects concerned, the evidence behind it and a concrete fix. Findings are listed by severity, most severe first; the audit events and ledger positions behind each one are listed in ${appendixSection}.`,
      );
      writeSeverityCounts(flow, findings);
      await writeTable(flow, findingsTable(appendixSection), sortFindings(findings));
      tick();
    },
  };
}

function findingsTable(appendixSection: string): TableSpec<Finding> {
  return {
    caption: 'Best-practice findings',
    empty: 'No findings: every best practice checked holds.',
    columns: [
      {
        header: 'Finding',
        weight: 20,
        cell: (f) => [
          { badge: f.severity.toUpperCase(), tone: pickSeverityTone(f.severity) },
          { text: f.id, style: TEXT.cellBold },
          { text: `rule ${f.ruleId}`, style: TEXT.cellMuted },
          { text: `cluster ${f.cluster}`, style: TEXT.cellMuted },
        ],
      },
      {
        header: 'Description',
        weight: 36,
        cell: (f) => [{ text: f.title, style: TEXT.cellBold }, f.description],
      },
      {
        header: 'Evidence',
        weight: 24,
        cell: (f) => [
          ...describeObjects(f.evidence).map((text) => ({ text, bullet: true })),
          ...(f.evidence.note === undefined ? [] : [f.evidence.note]),
          { text: `${countEvidence(f.evidence)} (${appendixSection})`, style: TEXT.cellMuted },
        ],
      },
      {
        header: 'Fix',
        weight: 30,
        cell: (f) => [
          f.fix,
          ...f.references.map((text) => ({ text, style: TEXT.cellMuted, bullet: true })),
        ],
      },
    ],
  };
}
