import { describe, expect, it } from 'vitest';
import type { PolicyRule } from './rbac-snapshot';
import { type RbacRequest, ruleAllows } from './rule-allows';

const rule = (
  verbs: string[],
  apiGroups: string[],
  resources: string[],
  resourceNames: string[] = [],
): PolicyRule => ({
  verbs,
  apiGroups,
  resources,
  resourceNames,
  nonResourceURLs: [],
});
const request = (
  verb: string,
  apiGroup: string,
  resource: string,
  name = '',
  subresource = '',
): RbacRequest => ({
  verb,
  apiGroup,
  resource,
  subresource,
  namespace: 'ns1',
  name,
});
const P = 'projectcalico.org';

describe('ruleAllows (A.4, A.9 facts 3–4, C.6–C.9)', () => {
  it.each([
    [
      '"*" verb matches any verb',
      rule(['*'], [P], ['tiers']),
      request('escalate', P, 'tiers'),
      true,
    ],
    ['verbs are exact', rule(['update'], [P], ['tiers']), request('patch', P, 'tiers'), false],
    [
      'verbs are case-sensitive ("GET" is not "get")',
      rule(['get'], [P], ['tiers']),
      request('GET', P, 'tiers'),
      false,
    ],
    [
      '"*" group matches any group',
      rule(['get'], ['*'], ['tiers']),
      request('get', P, 'tiers'),
      true,
    ],
    [
      '"" is the core group only',
      rule(['get'], [''], ['tiers']),
      request('get', P, 'tiers'),
      false,
    ],
    [
      '"*" resource matches a tier pseudo-resource',
      rule(['get'], [P], ['*']),
      request('get', P, 'tier.networkpolicies'),
      true,
    ],
    [
      '"tier.*" in resources is a literal',
      rule(['get'], [P], ['tier.*']),
      request('get', P, 'tier.networkpolicies'),
      false,
    ],
    [
      '"pods" does not match pods/status',
      rule(['get'], [''], ['pods']),
      request('get', '', 'pods', '', 'status'),
      false,
    ],
    [
      '"pods/status" does not match pods',
      rule(['get'], [''], ['pods/status']),
      request('get', '', 'pods'),
      false,
    ],
    [
      '"pods/status" matches pods/status',
      rule(['get'], [''], ['pods/status']),
      request('get', '', 'pods', '', 'status'),
      true,
    ],
    [
      '"*/status" matches any status subresource',
      rule(['get'], [''], ['*/status']),
      request('get', '', 'pods', '', 'status'),
      true,
    ],
    [
      '"*/status" does not match the resource itself',
      rule(['get'], [''], ['*/status']),
      request('get', '', 'pods'),
      false,
    ],
    [
      '"*/scale" does not match status',
      rule(['get'], [''], ['*/scale']),
      request('get', '', 'pods', '', 'status'),
      false,
    ],
    [
      'empty resourceNames means every name',
      rule(['get'], [P], ['tiers']),
      request('get', P, 'tiers', 't1'),
      true,
    ],
    [
      'resourceNames match exactly',
      rule(['get'], [P], ['tiers'], ['t1']),
      request('get', P, 'tiers', 't1'),
      true,
    ],
    [
      'resourceNames never glob ("t*")',
      rule(['get'], [P], ['tiers'], ['t*']),
      request('get', P, 'tiers', 't1'),
      false,
    ],
    [
      '"*" in resourceNames is a literal',
      rule(['get'], [P], ['tiers'], ['*']),
      request('get', P, 'tiers', 't1'),
      false,
    ],
    [
      '"t1.*" only matches the literal "t1.*"',
      rule(['get'], [P], ['tier.networkpolicies'], ['t1.*']),
      request('get', P, 'tier.networkpolicies', 't1.p1'),
      false,
    ],
    [
      '"t1.*" matches the byTier name',
      rule(['get'], [P], ['tier.networkpolicies'], ['t1.*']),
      request('get', P, 'tier.networkpolicies', 't1.*'),
      true,
    ],
    [
      'a name-restricted rule never matches a nameless request',
      rule(['create'], [P], ['tier.networkpolicies'], ['p1']),
      request('create', P, 'tier.networkpolicies'),
      false,
    ],
    [
      'multi-value lists are a cross-product',
      rule(['get', 'list'], ['', P], ['pods', 'tiers']),
      request('list', '', 'tiers'),
      true,
    ],
  ])('%s', (_name, policyRule, attributes, expected) => {
    expect(ruleAllows(policyRule, attributes)).toBe(expected);
  });
});
