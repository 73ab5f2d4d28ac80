import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine } from './csv-line';
import { csvTables } from './csv-tables';
import type { ChangeRow, ReportModel, Rows } from './report-model';
import {
  rowsOf,
  syntheticChange,
  syntheticComplianceModel,
  syntheticThreatModel,
} from './testing/synthetic-report-model';

/** RFC 4180, read independently of the writer: records end in CRLF, quoted fields may hold anything. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  let quoted = false;
  while (index < text.length) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      index += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 1;
    } else field += char;
    index += 1;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('last record not terminated by CRLF');
  return records;
}

async function collect(lines: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const line of lines) text += line;
  return text;
}

async function tableText(model: ReportModel, name: string): Promise<string> {
  const table = csvTables(model).find((candidate) => candidate.name === name);
  if (table === undefined) throw new Error(`no table ${name}`);
  return collect(table.lines);
}

describe('csvLine', () => {
  it('round-trips any cells through an RFC 4180 parser', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('', '"', ',', '\r\n', '\n', '\r', '""', 'a,"b"\r\nc'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        (records) => {
          const text = records.map((record) => csvLine(record)).join('');
          expect(parseCsv(text)).toEqual(records);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['plain text', ['policy-a'], 'policy-a\r\n'],
    ['a comma', ['a,b'], '"a,b"\r\n'],
    ['quotes, doubled', ['say "hi"'], '"say ""hi"""\r\n'],
    ['a line feed', ['line\nbreak'], '"line\nbreak"\r\n'],
    ['a carriage return', ['cr\rhere'], '"cr\rhere"\r\n'],
    ['numbers and booleans', [1000, true, false], '1000,true,false\r\n'],
    ['absent values are empty', [undefined, null, ''], ',,\r\n'],
    [
      'arrays joined with ;',
      [
        ['Ingress', 'Egress'],
        [4, 5],
      ],
      'Ingress;Egress,4;5\r\n',
    ],
    ['an array element with a comma is quoted as one field', [['a,b', 'c']], '"a,b;c"\r\n'],
    ['non-finite numbers are empty', [Number.NaN], '\r\n'],
  ])('%s', (_name, values, expected) => {
    expect(csvLine(values)).toBe(expected);
  });

  it('guards spreadsheet formulas only when asked', () => {
    expect(csvLine(['=HYPERLINK("x")', -5], { guardFormulas: true })).toBe(
      `"'=HYPERLINK(""x"")",-5\r\n`,
    );
    expect(csvLine(['=1+1'])).toBe('=1+1\r\n');
  });
});

describe('csvTables', () => {
  it('writes every table of a compliance report', () => {
    expect(csvTables(syntheticComplianceModel()).map((table) => table.name)).toEqual([
      'summary.csv',
      'findings.csv',
      'tiers.csv',
      'policies.csv',
      'network-sets.csv',
      'changes-per-tier.csv',
      'changes-per-day.csv',
      'top-actors.csv',
      'changes.csv',
      'denied-attempts.csv',
      'access.csv',
      'access-caveats.csv',
      'trail-completeness.csv',
    ]);
  });

  it('writes every table of a threat-model report', () => {
    expect(csvTables(syntheticThreatModel()).map((table) => table.name)).toEqual([
      'summary.csv',
      'threats.csv',
      'findings.csv',
      'access.csv',
      'access-caveats.csv',
      'denied-attempts.csv',
    ]);
  });

  it('gives each table a header row and one record per row, all the same width', async () => {
    const model = syntheticComplianceModel();
    if (!('compliance' in model)) throw new Error('compliance model expected');
    for (const table of csvTables(model)) {
      const records = parseCsv(await collect(table.lines));
      expect(records.length, table.name).toBeGreaterThan(0);
      expect(new Set(records.map((record) => record.length)).size, table.name).toBe(1);
    }
    const findings = parseCsv(await tableText(model, 'findings.csv'));
    expect(findings[0]).toEqual([
      'id',
      'ruleId',
      'severity',
      'cluster',
      'title',
      'description',
      'fix',
      'evidenceObjects',
      'auditIds',
      'positions',
      'evidenceNote',
      'references',
    ]);
    expect(findings.slice(1).map((record) => record[0])).toEqual(
      model.compliance.findings.map((finding) => finding.id),
    );
    expect(findings.slice(1).map((record) => record[6])).toEqual(
      model.compliance.findings.map((finding) => finding.fix),
    );
  });

  it('writes the summary as one row with Calico-style time columns', async () => {
    const [header, row] = parseCsv(await tableText(syntheticComplianceModel(), 'summary.csv'));
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(cell('startTime')).toBe('2026-03-01T00:00:00Z');
    expect(cell('endTime')).toBe('2026-04-01T00:00:00Z');
    expect(cell('title')).toBe('Synthetic compliance report, "prod", March 2026');
    expect(cell('numModifiedPolicies')).toBe('2');
    expect(cell('ledgerFirstBrokenAt')).toBe('');
  });

  it('joins lists with ; in the changes table', async () => {
    const records = parseCsv(
      await tableText(syntheticComplianceModel(rowsOf([syntheticChange(2)])), 'changes.csv'),
    );
    const header = records[0] ?? [];
    expect(records[1]?.[header.indexOf('summary')]).toBe(
      'Egress rule 1 now allows "0.0.0.0/0", port 443;order 100 → 50; selector all()',
    );
    expect(records[1]?.[header.indexOf('positions')]).toBe('4;5');
    expect(records[1]?.[header.indexOf('occurredAt')]).toBe('2026-03-01T00:02:00.000Z');
  });

  it('streams the changes table: opened on reading, one row per line pulled, again on a second read', async () => {
    let opened = 0;
    let produced = 0;
    const changes: Rows<ChangeRow> = {
      count: 1000,
      open: async function* () {
        opened += 1;
        for (let index = 0; index < 1000; index += 1) {
          produced += 1;
          yield syntheticChange(index);
        }
      },
    };
    const table = csvTables(syntheticComplianceModel(changes)).find(
      (candidate) => candidate.name === 'changes.csv',
    );
    if (table === undefined) throw new Error('no changes.csv');
    expect(opened).toBe(0);
    const iterator = table.lines[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    await iterator.next();
    expect(produced).toBe(2);
    await iterator.return?.();
    produced = 0;
    const text = await collect(table.lines);
    expect(opened).toBe(2);
    expect(produced).toBe(1000);
    expect(parseCsv(text)).toHaveLength(1001);
  });

  it('flattens tier access into one row per subject and relation', async () => {
    const records = parseCsv(await tableText(syntheticThreatModel(), 'access.csv'));
    const header = records[0] ?? [];
    const rows = records
      .slice(1)
      .map((record) => Object.fromEntries(header.map((name, index) => [name, record[index]])));
    expect(
      rows.map((row) => `${row.tier} ${row.access} ${row.subjectKind} ${row.subjectName}`),
    ).toEqual([
      'default policy-editor Group system:authenticated',
      'default indirect User bob@example.com',
      'default indirect ServiceAccount flux',
      'sg-local policy-editor Group developers',
    ]);
    expect(rows[2]?.subjectNamespace).toBe('gitops');
    expect(rows[2]?.indirectPath).toBe('crd-write');
  });

  it('writes the threat table with status, evidence sentences and recommendation', async () => {
    const model = syntheticThreatModel();
    if (!('threatModel' in model)) throw new Error('threat model expected');
    const records = parseCsv(await tableText(model, 'threats.csv'));
    expect(records[0]?.slice(0, 5)).toEqual([
      'threat',
      'expectedMitigation',
      'status',
      'why',
      'evidence',
    ]);
    expect(records.slice(1).map((record) => record[2])).toEqual(
      model.threatModel.threats.map((row) => row.status),
    );
    expect(records[1]?.[4]).toBe(model.threatModel.threats[0]?.evidence.join(';'));
  });
});
