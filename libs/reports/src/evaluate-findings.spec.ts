import { describe, expect, it } from 'vitest';
import { evaluateFindings } from './evaluate-findings';
import { POSTURE_RULES } from './posture-rules';
import { SEVERITIES } from './report-model';
import {
  defaultDenyAll,
  namespace,
  neglectedCluster,
  syntheticInputs,
  tracked,
  wellRunCluster,
} from './testing/synthetic-inventory';

describe('evaluateFindings', () => {
  it('finds nothing high or critical in the well-run cluster', () => {
    const findings = evaluateFindings(wellRunCluster());
    expect(
      findings.filter((finding) => finding.severity === 'critical' || finding.severity === 'high'),
    ).toEqual([]);
  });

  it('finds every rule at least once, as a problem rather than a note, in the neglected cluster', () => {
    const findings = evaluateFindings(neglectedCluster()).filter(
      (finding) => finding.severity !== 'info',
    );
    const fired = new Set(findings.map((finding) => finding.ruleId));
    expect(POSTURE_RULES.map((rule) => rule.ruleId).filter((ruleId) => !fired.has(ruleId))).toEqual(
      [],
    );
  });

  it('orders findings by severity, then rule, with ids unique in the report', () => {
    const findings = evaluateFindings(neglectedCluster());
    const ranks = findings.map((finding) => SEVERITIES.indexOf(finding.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(findings.map((finding) => finding.id)).size).toBe(findings.length);
    for (const finding of findings)
      expect(finding.id).toMatch(new RegExp(`^${finding.ruleId}-\\d+$`));
  });

  it('backs every finding with evidence, a fix and a reference', () => {
    for (const finding of evaluateFindings(neglectedCluster())) {
      const evidence = finding.evidence;
      expect(
        (evidence.objects?.length ?? 0) > 0 || (evidence.note?.length ?? 0) > 0,
        finding.id,
      ).toBe(true);
      expect(finding.fix.length, finding.id).toBeGreaterThan(20);
      expect(finding.references.length, finding.id).toBeGreaterThan(0);
      expect(finding.cluster).toBe('synthetic-prod');
    }
  });

  it('cites the version, audit ID and ledger position of the objects it names', () => {
    const inputs = syntheticInputs([
      tracked(namespace('web'), { version: 7, auditId: 'audit-web-7', positions: [41, 42] }),
    ]);
    const [finding] = evaluateFindings(inputs).filter((item) => item.ruleId === 'PL-NET-001');
    expect(finding?.evidence).toMatchObject({
      objects: [{ cluster: 'synthetic-prod', resource: 'namespaces', name: 'web', version: 7 }],
      auditIds: ['audit-web-7'],
      positions: [41, 42],
    });
  });

  it("looks only at the inputs' cluster", () => {
    const inputs = syntheticInputs([
      tracked(namespace('web')),
      tracked(defaultDenyAll, { cluster: 'synthetic-staging' }),
    ]);
    expect(evaluateFindings(inputs).map((finding) => finding.ruleId)).toContain('PL-NET-001');
  });

  it('reads a policy from its crd.projectcalico.org twin when the projectcalico.org state is unknown', () => {
    const crdTwin = {
      ...tracked({
        ...defaultDenyAll,
        apiVersion: 'crd.projectcalico.org/v1',
        metadata: { name: 'default.default-deny' },
      }),
    };
    const v3Unknown = {
      ...tracked(defaultDenyAll),
      object: null,
      stateKnown: false,
    };
    const findings = evaluateFindings(
      syntheticInputs([v3Unknown, crdTwin, tracked(namespace('web'))]),
    );
    expect(findings.map((finding) => finding.ruleId)).not.toContain('PL-NET-001');
  });
});
