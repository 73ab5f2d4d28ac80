import { describe, expect, it } from 'vitest';
import { diffObjects } from './diff-objects';
import type { Risk, SemanticChange } from './semantic-change';
import { summariseRisk } from './summarise-risk';
import { backendEgress, edited } from './testing/synthetic-seed-objects';

const change = (risk: Risk): SemanticChange => ({
  type: 'field-changed',
  risk,
  summary: `a ${risk} change`,
});

describe('summariseRisk', () => {
  it.each<[string, Risk[], Risk | 'none', Record<Risk, number>]>([
    ['no changes', [], 'none', { high: 0, medium: 0, low: 0 }],
    ['low only', ['low', 'low'], 'low', { high: 0, medium: 0, low: 2 }],
    ['a medium among lows', ['low', 'medium', 'low'], 'medium', { high: 0, medium: 1, low: 2 }],
    ['one high is enough', ['low', 'high', 'medium'], 'high', { high: 1, medium: 1, low: 1 }],
  ])('%s', (_name, risks, highest, counts) => {
    expect(summariseRisk(risks.map(change))).toEqual({ highest, counts, total: risks.length });
  });

  it('summarises a real diff', () => {
    const after = edited(backendEgress, (p) => {
      p.spec.egress[0].destination.nets = ['0.0.0.0/0'];
      p.spec.order = 300;
    });
    expect(summariseRisk(diffObjects(undefined, backendEgress, after))).toEqual({
      highest: 'high',
      counts: { high: 1, medium: 1, low: 0 },
      total: 2,
    });
  });
});
