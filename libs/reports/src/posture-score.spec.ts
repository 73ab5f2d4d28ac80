import { describe, expect, it } from 'vitest';
import { countBySeverity } from './count-by-severity';
import { postureScore } from './posture-score';
import type { Finding, Severity } from './report-model';

function findings(...severities: Severity[]): Finding[] {
  return severities.map((severity, index) => ({
    id: `PL-TEST-001-${index + 1}`,
    ruleId: 'PL-TEST-001',
    title: 'synthetic',
    severity,
    cluster: 'synthetic-prod',
    description: 'synthetic finding',
    evidence: {},
    fix: 'none',
    references: [],
  }));
}

describe('postureScore', () => {
  it.each([
    ['no findings', [], 100],
    ['one critical', ['critical'], 75],
    ['one high', ['high'], 90],
    ['one medium', ['medium'], 96],
    ['one low', ['low'], 99],
    ['info notes cost nothing', ['info', 'info', 'info'], 100],
    ['a mix', ['critical', 'high', 'medium', 'low', 'low'], 59],
    ['never below zero', ['critical', 'critical', 'critical', 'critical', 'critical'], 0],
  ] as Array<[string, Severity[], number]>)('%s: %i', (_name, severities, expected) => {
    expect(postureScore(findings(...severities))).toBe(expected);
  });
});

describe('countBySeverity', () => {
  it('counts every severity, zeros included', () => {
    expect(countBySeverity(findings('high', 'low', 'high'))).toEqual({
      critical: 0,
      high: 2,
      medium: 0,
      low: 1,
      info: 0,
    });
  });
});
