import { describe, expect, it } from 'vitest';
import { namespacePolicyCoverageRule } from './namespace-policy-coverage-rule';
import { tenantIsolationRule } from './tenant-isolation-rule';
import { runRule, severitiesOf } from './testing/run-rule';
import {
  allowDns,
  defaultDeny,
  globalPolicy,
  kubernetesAllowFrontend,
  kubernetesDefaultDeny,
  kubernetesPolicy,
  namespace,
  namespaceIsolation,
  trackedUnknown,
} from './testing/synthetic-inventory';

const production = namespace('production', { tenant: 'true' });
const payments = namespace('payments', { tenant: 'true' });
const web = namespace('web');
const monitoring = namespace('monitoring');

describe('PL-NET-006 namespaces without an ingress or egress policy', () => {
  it.each([
    ['a global default deny covers every namespace', [defaultDeny, production, web], []],
    ['no policy in any namespace', [production, web], ['medium']],
    ['only a pod-label policy in production', [kubernetesAllowFrontend, production], ['medium']],
    [
      'a Kubernetes default deny for both directions',
      [kubernetesDefaultDeny('production'), production],
      [],
    ],
    ['system namespaces are not required to have policies', [namespace('kube-system')], []],
    [
      'a policy of unknown state in the namespace',
      [
        production,
        trackedUnknown('NetworkPolicy', 'networking.k8s.io', 'default-deny', 'production'),
      ],
      ['info'],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(namespacePolicyCoverageRule, objects))).toEqual(expected);
  });

  it('takes the system namespaces from the options', () => {
    const findings = runRule(namespacePolicyCoverageRule, [monitoring], {
      options: { systemNamespaces: ['kube-system', 'monitoring'] },
    });
    expect(findings).toEqual([]);
    expect(severitiesOf(runRule(namespacePolicyCoverageRule, [monitoring]))).toEqual(['medium']);
  });

  it('lists each namespace with its open directions and the partial policies', () => {
    const [finding] = runRule(namespacePolicyCoverageRule, [
      kubernetesAllowFrontend,
      kubernetesDefaultDeny('web', ['Egress']),
      production,
      web,
    ]);
    expect(finding?.description).toBe(
      '2 namespaces have no enforced policy selecting all their pods for a direction, so pods there are unprotected in it: production (Ingress, Egress; only pod-label policies: Kubernetes NetworkPolicy production/allow-frontend) and web (Ingress).',
    );
  });
});

describe('PL-NET-008 tenant namespaces not isolated', () => {
  const admitAll = kubernetesPolicy('allow-from-all-namespaces', 'production', {
    podSelector: {},
    ingress: [{ from: [{ namespaceSelector: {} }] }],
  });
  const prometheus = kubernetesPolicy('allow-prometheus', 'production', {
    podSelector: {},
    ingress: [
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
            podSelector: { matchLabels: { app: 'prometheus' } },
          },
        ],
      },
    ],
  });

  it.each([
    [
      'the seed default-deny and namespace-isolation',
      [defaultDeny, allowDns, namespaceIsolation, production, payments],
      [],
    ],
    ['no policy, two tenants', [production, payments], ['high']],
    ['a single tenant namespace', [production], []],
    [
      'a Kubernetes policy admitting every namespace',
      [defaultDeny, admitAll, production, payments],
      ['high'],
    ],
    [
      'a shared-service allow for prometheus only',
      [defaultDeny, prometheus, production, payments, monitoring],
      [],
    ],
    [
      'a GlobalNetworkPolicy whose rule source spans namespaces',
      [
        defaultDeny,
        globalPolicy('allow-mesh', {
          order: 400,
          selector: 'all()',
          types: ['Ingress'],
          ingress: [{ action: 'Allow', source: { selector: 'all()' } }],
        }),
        production,
        payments,
      ],
      ['high'],
    ],
    [
      'a CIDR source is not counted (as Calico Enterprise counts it)',
      [
        defaultDeny,
        kubernetesPolicy('allow-office', 'production', {
          podSelector: {},
          ingress: [{ from: [{ ipBlock: { cidr: '192.168.10.0/24' } }] }],
        }),
        production,
        payments,
      ],
      [],
    ],
    [
      'a policy of unknown state in a tenant namespace',
      [
        defaultDeny,
        production,
        payments,
        trackedUnknown('NetworkPolicy', 'projectcalico.org', 'allow-all', 'payments'),
      ],
      ['info'],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(tenantIsolationRule, objects))).toEqual(expected);
  });

  it.each([
    [
      'only labelled namespaces are tenants: web is not one',
      [defaultDeny, admitAll, production, web],
      [],
    ],
    [
      'both labelled tenants, one open to the other',
      [defaultDeny, admitAll, production, payments, web],
      ['high'],
    ],
    [
      'a namespace whose labels are unknown cannot be classed',
      [
        defaultDeny,
        production,
        payments,
        kubernetesPolicy('allow-web', 'shop', { podSelector: {}, ingress: [] }),
      ],
      ['info'],
    ],
  ])('with tenantNamespaceSelector tenant == true: %s', (_name, objects, expected) => {
    const findings = runRule(tenantIsolationRule, objects, {
      options: { tenantNamespaceSelector: "tenant == 'true'" },
    });
    expect(severitiesOf(findings)).toEqual(expected);
  });

  it('says which rule admits which tenants where', () => {
    const [finding] = runRule(tenantIsolationRule, [defaultDeny, admitAll, production, payments]);
    expect(finding?.description).toBe(
      '1 tenant namespace can be reached from other tenant namespaces: Kubernetes NetworkPolicy production/allow-from-all-namespaces ingress rule 1 admits every other tenant into production.',
    );
  });
});
