import { describe, expect, it } from 'vitest';
import { reportJsonChunks } from './report-json-chunks';
import {
  describeReportJson,
  REPORT_JSON_SCHEMA_VERSION,
  reportJsonDocument,
} from './report-json-schema';
import type { ChangeRow, ReportModel, Rows } from './report-model';
import {
  rowsOf,
  syntheticChange,
  syntheticComplianceModel,
  syntheticThreatModel,
} from './testing/synthetic-report-model';

async function text(model: ReportModel): Promise<string> {
  let json = '';
  for await (const chunk of reportJsonChunks(model)) json += chunk;
  return json;
}

/** The model as plain data: Rows tables expanded to arrays, undefined fields dropped, as JSON has them. */
async function expanded(model: ReportModel): Promise<unknown> {
  if (!('compliance' in model))
    return JSON.parse(JSON.stringify({ schemaVersion: REPORT_JSON_SCHEMA_VERSION, ...model }));
  const changes: ChangeRow[] = [];
  for await (const row of model.compliance.policyAudit.changes.open()) changes.push(row);
  const plain = {
    ...model,
    compliance: { ...model.compliance, policyAudit: { ...model.compliance.policyAudit, changes } },
  };
  return JSON.parse(JSON.stringify({ schemaVersion: REPORT_JSON_SCHEMA_VERSION, ...plain }));
}

function keysSortedEverywhere(value: unknown, depth = 0): boolean {
  if (Array.isArray(value)) return value.every((item) => keysSortedEverywhere(item, depth + 1));
  if (typeof value !== 'object' || value === null) return true;
  const keys = Object.keys(value);
  const sorted =
    depth === 0 || keys.every((key, index) => index === 0 || (keys[index - 1] as string) < key);
  return sorted && Object.values(value).every((item) => keysSortedEverywhere(item, depth + 1));
}

describe('reportJsonChunks', () => {
  it.each([
    ['a compliance report', syntheticComplianceModel()],
    ['a threat-model report', syntheticThreatModel()],
  ])('writes %s as one JSON document equal to the model, rows expanded', async (_name, model) => {
    expect(JSON.parse(await text(model))).toEqual(await expanded(model));
  });

  it('puts schemaVersion and meta first, and sorts keys below the top level', async () => {
    const json = await text(syntheticComplianceModel());
    expect(
      json.startsWith(`{"schemaVersion":"${REPORT_JSON_SCHEMA_VERSION}","meta":{"generatedAt":`),
    ).toBe(true);
    expect(keysSortedEverywhere(JSON.parse(json))).toBe(true);
  });

  it('gives the same bytes for the same model', async () => {
    expect(await text(syntheticComplianceModel())).toBe(await text(syntheticComplianceModel()));
  });

  it('writes 50,000 changes without holding them: rows are pulled from the cursor as chunks are', async () => {
    const total = 50_000;
    let produced = 0;
    let maxAhead = 0;
    const changes: Rows<ChangeRow> = {
      count: total,
      open: async function* () {
        for (let index = 0; index < total; index += 1) {
          produced += 1;
          yield syntheticChange(index);
        }
      },
    };
    let written = 0;
    let json = '';
    for await (const chunk of reportJsonChunks(syntheticComplianceModel(changes))) {
      if (chunk.includes('"id":"synthetic-change-')) written += 1;
      maxAhead = Math.max(maxAhead, produced - written);
      json += chunk;
    }
    expect(produced).toBe(total);
    expect(written).toBe(total);
    expect(maxAhead).toBeLessThanOrEqual(1);
    expect(JSON.parse(json).compliance.policyAudit.changes).toHaveLength(total);
  });

  it('leaves the cursor unopened until the document reaches it', async () => {
    let opened = false;
    const changes: Rows<ChangeRow> = {
      count: 1,
      open: async function* () {
        opened = true;
        yield syntheticChange(1);
      },
    };
    const iterator = reportJsonChunks(syntheticComplianceModel(changes));
    await iterator.next();
    expect(opened).toBe(false);
    await iterator.return(undefined);
  });
});

describe('the report JSON schema', () => {
  it.each([
    ['a compliance report', syntheticComplianceModel(rowsOf([0, 7, 11].map(syntheticChange)))],
    ['a threat-model report', syntheticThreatModel()],
  ])('describes every field of %s', async (_name, model) => {
    const document = JSON.parse(await text(model));
    const parsed = reportJsonDocument.safeParse(document);
    expect(parsed.error).toBeUndefined();
    expect(parsed.data).toEqual(document);
  });

  it('rejects a document of another schema version', async () => {
    const document = JSON.parse(await text(syntheticThreatModel()));
    expect(reportJsonDocument.safeParse({ ...document, schemaVersion: '0.9.0' }).success).toBe(
      false,
    );
  });

  it('is published as JSON Schema 2020-12, versioned', () => {
    const schema = describeReportJson();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`urn:policy-ledger:report:${REPORT_JSON_SCHEMA_VERSION}`);
    const text = JSON.stringify(schema);
    for (const field of [
      'schemaVersion',
      'postureScore',
      'evidenceRefs',
      'trailCompleteness',
      'directCrd',
    ])
      expect(text).toContain(`"${field}"`);
  });
});
