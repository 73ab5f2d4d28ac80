import { describe, expect, it } from 'vitest';
import { labelSelectorToCalico } from './label-selector-to-calico';
import { parseSelector } from './parse-selector';
import { selectorBreadth } from './selector-breadth';
import { selectorMatches } from './selector-matches';

const KUBE_DNS = { 'k8s-app': 'kube-dns', 'projectcalico.org/namespace': 'kube-system' };
const BACKEND = { app: 'backend', tier: 'api' };

describe('parseSelector and selectorMatches', () => {
  it.each([
    ['all()', KUBE_DNS, true],
    ['', BACKEND, true],
    ["k8s-app == 'kube-dns'", KUBE_DNS, true],
    ['k8s-app == "kube-dns"', BACKEND, false],
    ["app != 'backend'", BACKEND, false],
    ["app != 'backend'", KUBE_DNS, true],
    ["app in {'frontend', 'backend'}", BACKEND, true],
    ['app in {}', BACKEND, false],
    ["projectcalico.org/namespace not in {'kube-system', 'calico-system'}", KUBE_DNS, false],
    ["projectcalico.org/namespace not in {'kube-system', 'calico-system'}", BACKEND, true],
    ['has(tier)', BACKEND, true],
    ['!has(tier)', BACKEND, false],
    ["app == 'backend' && tier == 'api'", BACKEND, true],
    ["app == 'frontend' || tier == 'api'", BACKEND, true],
    ["!(app == 'backend')", BACKEND, false],
    ["app contains 'ack'", BACKEND, true],
    ["app starts with 'back'", BACKEND, true],
    ["app ends with 'front'", BACKEND, false],
    ['global()', BACKEND, false],
    ["a == 'x' || b == 'y' && c == 'z'", { a: 'x' }, true],
    ["(a == 'x' || b == 'y') && c == 'z'", { a: 'x' }, false],
  ])('%s matches %j: %s', (selector, labels, expected) => {
    const parsed = parseSelector(selector);
    expect(parsed.ok && selectorMatches(parsed.ast, labels)).toBe(expected);
  });

  it.each([
    ["app = 'x'", /expected an operator/],
    ['app == x', /expected a quoted string/],
    ['has(app', /expected "\)"/],
    ["(app == 'x'", /expected "\)"/],
    ["app == 'x' &&", /expected a label key/],
    ["app in {'a' 'b'}", /expected "}"/],
    ["app == 'x' extra", /unexpected/],
  ])('says %s cannot be parsed, and where', (selector, reason) => {
    const parsed = parseSelector(selector);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
    expect(parsed.ok ? -1 : parsed.position).toBeGreaterThan(0);
  });
});

describe('selectorBreadth', () => {
  it.each([
    ['all()', 'everything'],
    ['', 'everything'],
    [undefined, 'everything'],
    ["all() || app == 'x'", 'everything'],
    ['has(app)', 'broad'],
    ["projectcalico.org/namespace not in {'kube-system', 'calico-system'}", 'broad'],
    ["app != 'x'", 'broad'],
    ['!has(quarantine)', 'broad'],
    ["app == 'backend'", 'narrow'],
    ["has(app) && app == 'backend'", 'narrow'],
    ["app in {'a', 'b'}", 'narrow'],
    ['!all()', 'narrow'],
    ['app ==', 'unparsable'],
  ])('%s is %s', (selector, expected) => {
    expect(selectorBreadth(selector)).toBe(expected);
  });
});

describe('labelSelectorToCalico', () => {
  it.each([
    ['an empty selector', {}, 'all()'],
    ['an absent selector', undefined, 'all()'],
    [
      'matchLabels, sorted',
      { matchLabels: { tier: 'api', app: 'backend' } },
      "app == 'backend' && tier == 'api'",
    ],
    [
      'every operator',
      {
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'stage'] },
          { key: 'team', operator: 'NotIn', values: ['x'] },
          { key: 'app', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      },
      "env in {'prod', 'stage'} && team not in {'x'} && has(app) && !has(legacy)",
    ],
  ])('converts %s', (_name, selector, expected) => {
    const problems: string[] = [];
    expect(labelSelectorToCalico(selector, 'spec.podSelector', problems)).toBe(expected);
    expect(problems).toEqual([]);
    expect(parseSelector(expected).ok).toBe(true);
  });

  it('reports an unknown operator and keeps the rest', () => {
    const problems: string[] = [];
    const selector = {
      matchLabels: { app: 'x' },
      matchExpressions: [{ key: 'a', operator: 'Near' }],
    };
    expect(labelSelectorToCalico(selector, 'spec.podSelector', problems)).toBe("app == 'x'");
    expect(problems).toEqual([
      'spec.podSelector.matchExpressions[0].operator: unknown operator "Near"',
    ]);
  });
});
