import { describe, expect, it } from 'vitest';
import { formatResourceRef, parseResourceRef } from './parse-resource-ref';

describe('parseResourceRef (kubectl form)', () => {
  it.each([
    [
      'networkpolicies.projectcalico.org',
      { resource: 'networkpolicies', apiGroup: 'projectcalico.org', subresource: '' },
    ],
    [
      'networkpolicies.networking.k8s.io',
      { resource: 'networkpolicies', apiGroup: 'networking.k8s.io', subresource: '' },
    ],
    [
      'clusterrolebindings.rbac.authorization.k8s.io',
      { resource: 'clusterrolebindings', apiGroup: 'rbac.authorization.k8s.io', subresource: '' },
    ],
    ['pods', { resource: 'pods', apiGroup: '', subresource: '' }],
    ['pods/status', { resource: 'pods', apiGroup: '', subresource: 'status' }],
    [
      'tier.networkpolicies.projectcalico.org',
      { resource: 'tier.networkpolicies', apiGroup: 'projectcalico.org', subresource: '' },
    ],
  ])('%s', (text, expected) => {
    expect(parseResourceRef(text)).toEqual(expected);
    expect(formatResourceRef(parseResourceRef(text))).toBe(text);
  });

  it.each([['Network Policies'], ['*'], ['pods/'], ['networkpolicies.Projectcalico..org'], ['']])(
    'refuses %j',
    (text) => {
      expect(() => parseResourceRef(text)).toThrow(/^resource: /);
    },
  );
});
