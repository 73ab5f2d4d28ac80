import { toPolicyModel } from '@policy-ledger/policy';
import { describe, expect, it } from 'vitest';
import {
  type NamespaceRef,
  NEW_NAMESPACE_PROBE,
  policySelectsPodsOf,
  wholeNamespaceCoverage,
} from './selects-whole-namespace';
import {
  calico,
  globalPolicy,
  kubernetesAllowFrontend,
  kubernetesDefaultDeny,
} from './testing/synthetic-inventory';

const production: NamespaceRef = { name: 'production', labels: { tenant: 'true' } };
const nameOnly: NamespaceRef = { name: 'shop', labels: {}, labelsKnown: false };
const gnp = (spec: Record<string, unknown>) => toPolicyModel(globalPolicy('probe', spec));

describe('policySelectsPodsOf', () => {
  it.each([
    ['all()', gnp({ selector: 'all()' }), production, 'yes'],
    [
      'system namespaces excluded',
      gnp({ selector: "projectcalico.org/namespace not in {'kube-system'}" }),
      production,
      'yes',
    ],
    [
      'another namespace by name',
      gnp({ selector: "projectcalico.org/namespace == 'payments'" }),
      production,
      'no',
    ],
    ['a pod label', gnp({ selector: "app == 'web'" }), production, 'maybe'],
    [
      'a pod label that cannot hold here',
      gnp({ selector: "app == 'web' && projectcalico.org/namespace == 'payments'" }),
      production,
      'no',
    ],
    ['a pod label or every pod', gnp({ selector: "app == 'web' || all()" }), production, 'yes'],
    [
      'a namespaceSelector that matches',
      gnp({ namespaceSelector: "tenant == 'true'" }),
      production,
      'yes',
    ],
    [
      'a namespaceSelector that does not',
      gnp({ namespaceSelector: "tenant == 'false'" }),
      production,
      'no',
    ],
    [
      'a namespaceSelector on a namespace known only by name',
      gnp({ namespaceSelector: "tenant == 'true'" }),
      nameOnly,
      'maybe',
    ],
    [
      'a namespaceSelector by name on a namespace known only by name',
      gnp({ namespaceSelector: "projectcalico.org/name == 'shop'" }),
      nameOnly,
      'yes',
    ],
    [
      'a service-account selector',
      gnp({ serviceAccountSelector: "role == 'ci'" }),
      production,
      'maybe',
    ],
    ['an unparsable selector', gnp({ selector: 'app ==' }), production, 'maybe'],
    [
      'a namespaced policy in its namespace',
      toPolicyModel(kubernetesDefaultDeny('production')),
      production,
      'yes',
    ],
    [
      'a namespaced policy elsewhere',
      toPolicyModel(kubernetesDefaultDeny('payments')),
      production,
      'no',
    ],
    ['a Kubernetes podSelector', toPolicyModel(kubernetesAllowFrontend), production, 'maybe'],
    [
      'a namespace created later, selected by not in',
      gnp({ selector: "projectcalico.org/namespace not in {'kube-system'}" }),
      NEW_NAMESPACE_PROBE,
      'yes',
    ],
    [
      'a namespace created later, unlabelled',
      gnp({ namespaceSelector: "tenant == 'true'" }),
      NEW_NAMESPACE_PROBE,
      'no',
    ],
  ])('%s: %s', (_name, policy, namespace, expected) => {
    expect(policySelectsPodsOf(policy, namespace)).toBe(expected);
  });

  it('reads a namespaced Calico policy as its namespace only', () => {
    const policy = toPolicyModel(calico('NetworkPolicy', 'p', { selector: 'all()' }, 'production'));
    expect(policySelectsPodsOf(policy, production)).toBe('yes');
    expect(policySelectsPodsOf(policy, nameOnly)).toBe('no');
  });
});

describe('wholeNamespaceCoverage', () => {
  it.each([
    ['one policy covers it', [gnp({ selector: 'all()' })], production, 'yes'],
    ['none covers it', [gnp({ selector: "app == 'web'" })], production, 'no'],
    [
      'it hangs on unknown namespace labels',
      [gnp({ namespaceSelector: "tenant == 'true'" })],
      nameOnly,
      'maybe',
    ],
    [
      'unknown pod labels are no answer for the namespace',
      [gnp({ selector: "app == 'web'" })],
      nameOnly,
      'no',
    ],
  ])('%s', (_name, policies, namespace, expected) => {
    expect(wholeNamespaceCoverage(policies, namespace)).toBe(expected);
  });
});
