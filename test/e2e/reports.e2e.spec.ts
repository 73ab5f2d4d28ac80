import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { demoStory, tieredPolicyPassthroughEvents } from '@policy-ledger/samples';
import Ajv2020 from 'ajv/dist/2020';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, type RunningApp, startApp } from '../support/app-process';
import { appPool } from '../support/database';
import { createTopic, produce, uniqueName } from '../support/kafka';
import { createToken } from '../support/operator-cli';

const run = promisify(execFile);
const pool = appPool();
const topic = uniqueName('reports');
const cluster = uniqueName('reports');
const period = { from: '2026-03-01T00:00:00Z', to: '2026-03-10T00:00:00Z' };
const apps: RunningApp[] = [];
let token = '';
let workdir = '';

/** The synthetic story (libs/samples demoStory): tiers, policies, RBAC, a denied attempt, a namespace deletion, WireGuard off, a fail-open tier. */
function story(): string[] {
  return [
    ...tieredPolicyPassthroughEvents('2026-02-20T00:00:00.000000Z').map((event) =>
      JSON.stringify(event),
    ),
    ...demoStory().map((event) => JSON.stringify(event)),
  ];
}

async function api(pathname: string, init: RequestInit = {}, instance = 0): Promise<Response> {
  return fetch(`${apps[instance]!.url}${pathname}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  });
}

async function requestReport(body: Record<string, unknown>, instance = 0): Promise<{ id: string }> {
  const response = await api(
    '/v1/reports',
    { method: 'POST', body: JSON.stringify(body) },
    instance,
  );
  expect(response.status, await response.clone().text()).toBe(202);
  return (await response.json()) as { id: string };
}

interface RunView {
  status: string;
  error?: string;
  fileName: string;
  contentType: string;
  attempts: number;
  ledger: { verified: boolean };
}

async function finished(id: string): Promise<RunView> {
  return eventually<RunView>(
    async () => {
      const status = (await (await api(`/v1/reports/${id}`)).json()) as RunView;
      if (status.status === 'failed') throw new Error(`report ${id} failed: ${status.error}`);
      return status.status === 'succeeded' ? status : undefined;
    },
    { timeoutMs: 60_000, what: `report ${id}` },
  );
}

async function content(id: string): Promise<{ response: Response; bytes: Buffer }> {
  const response = await api(`/v1/reports/${id}/content`);
  expect(response.status).toBe(200);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  workdir = await mkdtemp(path.join(tmpdir(), 'policy-ledger-reports-'));
  await createTopic(topic, 1);
  await produce(
    topic,
    story().map((value) => ({ value, headers: { cluster } })),
  );
  const ingestor = await startApp('ingestor', {
    AUDIT_TOPICS: topic,
    KAFKA_GROUP_ID: uniqueName('reports'),
  });
  apps.push(
    await startApp('api', {
      DEFAULT_CLUSTER: cluster,
      REPORT_POLL_MS: '200',
      REPORT_SCHEDULE_EVERY_MS: '500',
      REPORT_STALE_SECONDS: '10',
    }),
  );
  apps.push(ingestor);
  token = (await createToken('auditor', uniqueName('auditor'))).token;
  await eventually(
    async () => {
      const { rows } = await pool.query<{ n: number }>(
        'select count(*)::int as n from ledger.changes where cluster = $1',
        [cluster],
      );
      return rows[0]!.n >= 18 ? true : undefined;
    },
    { what: 'the story in the ledger' },
  );
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await rm(workdir, { recursive: true, force: true });
});

describe('the compliance report', () => {
  let model: {
    meta: {
      ledger: { verified: boolean; position: number; hash: string };
      scope: { cluster: string };
    };
    compliance: {
      summary: {
        changesByOutcome: Record<string, number>;
        findingsBySeverity: Record<string, number>;
        postureScore: number;
        topActors: Array<{ actor: string }>;
      };
      inventory: {
        tiers: Array<{ name: string; defaultAction: string }>;
        policies: Array<{ name: string; tier: string }>;
      };
      policyAudit: {
        countsPerTier: Array<{ tier: string; created: number; modified: number; deleted: number }>;
        changes: Array<{
          actor: string | null;
          verb: string;
          summary: string[];
          auditId?: string;
          positions: number[];
        }>;
        deniedAndFailed: Array<{ actor: string; denied: number }>;
      };
      accessControl: Array<{
        tier: string;
        policyEditors: Array<{ subject: { kind: string; name: string }; via: string[] }>;
        gained: Array<{ name: string }>;
      }>;
      findings: Array<{
        ruleId: string;
        severity: string;
        evidence: { objects?: Array<{ name: string }> };
      }>;
      trailCompleteness: Array<{ resource: string; complete: boolean }>;
    };
  };

  beforeAll(async () => {
    const { id } = await requestReport({ type: 'compliance', cluster, ...period, format: 'json' });
    const status = await finished(id);
    expect(status.contentType).toContain('application/json');
    model = JSON.parse((await content(id)).bytes.toString('utf8'));
  });

  it('validates against the JSON Schema the API publishes', async () => {
    const response = await api('/v1/report-schema');
    expect(response.status).toBe(200);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(
      (await response.json()) as object,
    );
    expect(validate(model), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(validate({ ...model, meta: { ...model.meta, ledger: 'unverified' } })).toBe(false);
  });

  it('is anchored to a verified ledger position', () => {
    expect(model.meta.ledger).toMatchObject({ verified: true });
    expect(model.meta.ledger.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(model.meta.scope.cluster).toBe(cluster);
  });

  it('counts the period by outcome and names its actors', () => {
    expect(model.compliance.summary.changesByOutcome).toEqual({
      applied: 13,
      denied: 1,
      failed: 0,
      dryrun: 0,
    });
    expect(model.compliance.summary.topActors.map((a) => a.actor)).toContain('alice@example.com');
  });

  it('lists every change with its actor, diff and evidence', () => {
    const changes = model.compliance.policyAudit.changes;
    expect(changes).toHaveLength(16);
    const widening = changes.find((c) => c.actor === 'mallory@example.com' && c.verb === 'update');
    expect(widening?.summary.join(' ')).toContain('0.0.0.0/0');
    expect(changes.every((c) => c.positions.length > 0 || c.auditId === undefined)).toBe(true);
    expect(model.compliance.policyAudit.deniedAndFailed).toEqual([
      expect.objectContaining({ actor: 'bob@example.com', denied: 1 }),
    ]);
    expect(
      model.compliance.policyAudit.countsPerTier.find((t) => t.tier === 'security'),
    ).toMatchObject({ created: 2, modified: 1, deleted: 0 });
  });

  it('states the inventory at the period end', () => {
    expect(model.compliance.inventory.tiers.find((t) => t.name === 'security')).toMatchObject({
      defaultAction: 'Pass',
    });
    expect(
      model.compliance.inventory.policies.filter((p) => p.tier === 'security').map((p) => p.name),
    ).toEqual(['allow-dns', 'default-deny']);
  });

  it('names who can edit the security tier, and that the netsec group gained it in the period', () => {
    const security = model.compliance.accessControl.find((a) => a.tier === 'security')!;
    const netsec = security.policyEditors.find((e) => e.subject.name === 'netsec');
    expect(netsec?.via.join(' ')).toContain('netsec-edits-security');
    expect(security.gained.map((s) => s.name)).toContain('netsec');
  });

  it('finds the fail-open tier, the internet egress and WireGuard off, with evidence', () => {
    const rules = model.compliance.findings.map((f) => f.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['PL-NET-011', 'PL-NET-007', 'PL-ENC-001']));
    const failOpen = model.compliance.findings.find((f) => f.ruleId === 'PL-NET-011')!;
    expect(failOpen.evidence.objects?.map((o) => o.name)).toContain('security');
    expect(model.compliance.summary.postureScore).toBeLessThan(100);
  });

  it('reports the completeness of the trail per resource', () => {
    expect(model.compliance.trailCompleteness.map((r) => r.resource)).toEqual(
      expect.arrayContaining(['globalnetworkpolicies.projectcalico.org', 'namespaces']),
    );
  });
});

describe('report formats', () => {
  it('renders the PDF auditors download, with its pages and text', async () => {
    const { id } = await requestReport({ type: 'compliance', cluster, ...period, format: 'pdf' });
    const status = await finished(id);
    const { response, bytes } = await content(id);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${status.fileName}"`,
    );
    expect(status.fileName).toBe(`policy-ledger-compliance-${cluster}-2026-03-01_2026-03-10.pdf`);
    const file = path.join(workdir, status.fileName);
    await writeFile(file, bytes);
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(5);
    const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
    for (const expected of [
      'Executive summary',
      'Policy inventory',
      'Access control',
      'Audit trail completeness',
      'Evidence appendix',
      'PL-NET-011',
      'mallory@example.com',
      'netsec-edits-security',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('exports one CSV per table in a zip', async () => {
    const { id } = await requestReport({ type: 'compliance', cluster, ...period, format: 'csv' });
    await finished(id);
    const { response, bytes } = await content(id);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['summary.csv', 'findings.csv', 'changes.csv', 'access.csv']),
    );
    const changes = new TextDecoder().decode(files['changes.csv']).trim().split(/\r?\n/);
    expect(changes).toHaveLength(17);
  });

  it('produces the threat model with a status and evidence per threat', async () => {
    const { id } = await requestReport({
      type: 'threat-model',
      cluster,
      ...period,
      format: 'json',
    });
    await finished(id);
    const report = JSON.parse((await content(id)).bytes.toString('utf8')) as {
      threatModel: { threats: Array<{ threat: string; status: string; evidence: string[] }> };
    };
    expect(report.threatModel.threats).toHaveLength(7);
    const egress = report.threatModel.threats.find((t) => /egress/i.test(t.threat))!;
    expect(egress.status).not.toBe('mitigated');
    expect(report.threatModel.threats.map((t) => t.status)).toEqual(
      expect.arrayContaining(['not-observable']),
    );
  });
});

describe('running reports', () => {
  it('answers 400 naming the field for a bad request, 409 for content not ready, 403 to a role without the permission', async () => {
    const bad = await api('/v1/reports', {
      method: 'POST',
      body: JSON.stringify({ type: 'compliance', cluster, from: period.to, to: period.from }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'to' }] });
    const soc = (await createToken('soc', uniqueName('soc'))).token;
    const denied = await fetch(`${apps[0]!.url}/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${soc}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'compliance', cluster, ...period }),
    });
    expect(denied.status).toBe(403);
  });

  it('retries a run whose worker crashed (stale heartbeat) and lists runs', async () => {
    const { id } = await requestReport({
      type: 'threat-model',
      cluster,
      ...period,
      format: 'json',
    });
    await finished(id);
    // What a crash leaves: a run marked running whose heartbeat stopped.
    await pool.query(
      `update ledger.reports set status = 'running', heartbeat_at = now() - interval '1 hour', attempts = 1 where id = $1`,
      [id],
    );
    const retried = await finished(id);
    expect(retried.attempts).toBe(2);
    const list = (await (await api('/v1/reports?limit=2')).json()) as {
      items: Array<{ id: string }>;
      nextCursor: string | null;
    };
    expect(list.items).toHaveLength(2);
    expect(list.nextCursor).not.toBeNull();
  });

  it('starts scheduled runs after the period ends, each covering the period since the last firing', async () => {
    const admin = (await createToken('admin', uniqueName('admin'))).token;
    const response = await fetch(`${apps[0]!.url}/v1/report-schedules`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: uniqueName('every-second'),
        cron: '* * * * * *',
        type: 'threat-model',
        cluster,
        format: 'json',
        delayMinutes: 0,
      }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const schedule = (await response.json()) as { id: string };
    const runs = await eventually(
      async () => {
        const { rows } = await pool.query<{ id: string; status: string; from: string; to: string }>(
          `select id, status, period_from as from, period_to as to from ledger.reports where schedule_id = $1 order by period_from`,
          [schedule.id],
        );
        return rows.filter((r) => r.status === 'succeeded').length >= 2 ? rows : undefined;
      },
      { timeoutMs: 30_000, what: 'two scheduled runs' },
    );
    expect(Date.parse(runs[1]!.from)).toBe(Date.parse(runs[0]!.to));
    const gone = await fetch(`${apps[0]!.url}/v1/report-schedules/${schedule.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(gone.status).toBe(204);
  });

  it('exposes report runs and request durations by route template as Prometheus metrics', async () => {
    const scrapes = await Promise.all(
      apps.map(async (app) => (await fetch(`${app.url}/metrics`)).text()),
    );
    const succeeded = scrapes
      .flatMap((text) =>
        [
          ...text.matchAll(
            /^policy_ledger_report_runs_total\{type="compliance",format="json",result="succeeded"\} (\d+)$/gm,
          ),
        ].map((m) => Number(m[1])),
      )
      .reduce((a, b) => a + b, 0);
    expect(succeeded).toBeGreaterThanOrEqual(1);
    expect(scrapes.join('\n')).toMatch(
      /^policy_ledger_http_request_duration_seconds_count\{method="GET",route="\/v1\/reports\/:id",status="200"\} [1-9]\d*$/m,
    );
    expect(scrapes.join('\n')).toMatch(
      /^policy_ledger_http_request_duration_seconds_count\{method="POST",route="\/v1\/reports",status="400"\} [1-9]\d*$/m,
    );
  });
});

describe('the cli', () => {
  it('writes a report to a file with a progress bar on a pipe', async () => {
    const out = path.join(workdir, 'cli-report.pdf');
    const { stdout, stderr } = await run(
      process.execPath,
      [
        'bin/policy-ledger.js',
        'report',
        'compliance',
        '--cluster',
        cluster,
        '--from',
        period.from,
        '--to',
        period.to,
        '--format',
        'pdf',
        '-o',
        out,
      ],
      {
        cwd: inject('rootDir'),
        env: { ...process.env, DATABASE_URL: inject('stack').DATABASE_URL },
      },
    );
    expect(stdout).toContain('hash chain verified');
    expect(stderr).toMatch(/compliance report: 100%/);
    expect((await readFile(out)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('names the file by the report when no -o is given, and leaves no partial file on failure', async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, [path.join(inject('rootDir'), 'bin/policy-ledger.js'), ...args], {
        cwd: workdir,
        env: { ...process.env, DATABASE_URL: inject('stack').DATABASE_URL },
      });
    const base = [
      'report',
      'threat-model',
      '--cluster',
      cluster,
      '--from',
      period.from,
      '--to',
      period.to,
    ];
    const { stdout } = await cli(...base, '--format', 'json');
    const name = `policy-ledger-threat-model-${cluster}-2026-03-01_2026-03-10.json`;
    expect(stdout).toContain(`wrote ${name}`);
    expect(JSON.parse(await readFile(path.join(workdir, name), 'utf8'))).toMatchObject({
      meta: { scope: { cluster } },
    });
    const failed = await cli(...base, '-o', path.join(workdir, 'missing-dir', 'x.pdf')).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/ENOENT/) });
    expect((await readdir(workdir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});
