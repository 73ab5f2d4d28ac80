import { describe, expect, it } from 'vitest';
import { dnsBeforeDefaultDenyRule } from './dns-before-default-deny-rule';
import { noDefaultDenyRule } from './no-default-deny-rule';
import { partialDefaultDenyRule } from './partial-default-deny-rule';
import { runRule, severitiesOf } from './testing/run-rule';
import {
  allowDns,
  blockThreatFeeds,
  calico,
  defaultDeny,
  defaultDenyAll,
  edited,
  globalPolicy,
  kubernetesDefaultDeny,
  kubernetesPolicy,
  namespace,
  securityTier,
  trackedUnknown,
} from './testing/synthetic-inventory';

const production = namespace('production', { tenant: 'true' });
const web = namespace('web');
const kubeSystem = namespace('kube-system');
const passTier = calico('Tier', 'baseline', { order: 300, defaultAction: 'Pass' });
const inTier = (object: Record<string, unknown>, tier: string) =>
  edited(object, (draft) => {
    draft.spec.tier = tier;
  });

describe('PL-NET-001 no default deny', () => {
  it.each([
    ['no policy at all', [production, web], ['critical']],
    ['the seed default-deny, selector all()', [defaultDenyAll, production, web], []],
    [
      'the seed default-deny, system namespaces excluded',
      [defaultDeny, production, kubeSystem],
      [],
    ],
    [
      'an ingress-only default deny: egress is open',
      [
        globalPolicy('deny-ingress', { order: 1000, selector: 'all()', types: ['Ingress'] }),
        production,
      ],
      ['high'],
    ],
    [
      'a Kubernetes default deny in one namespace (partial, not absent)',
      [kubernetesDefaultDeny('production'), production, web],
      [],
    ],
    [
      'a default deny that is only staged',
      [
        calico(
          'StagedGlobalNetworkPolicy',
          'default-deny',
          defaultDenyAll.spec as Record<string, unknown>,
        ),
        production,
      ],
      ['critical'],
    ],
    [
      'a rule-less default deny in a tier that passes',
      [passTier, inTier(defaultDenyAll, 'baseline'), production],
      ['critical'],
    ],
    [
      'a catch-all Deny rule in a tier that passes',
      [
        passTier,
        globalPolicy('deny-all', {
          tier: 'baseline',
          order: 1000,
          selector: 'all()',
          types: ['Ingress', 'Egress'],
          ingress: [{ action: 'Deny' }],
          egress: [{ action: 'Deny' }],
        }),
        production,
      ],
      [],
    ],
    [
      'a default deny covering only kube-system',
      [
        globalPolicy('deny-system', {
          selector: "projectcalico.org/namespace == 'kube-system'",
          types: ['Ingress', 'Egress'],
        }),
        production,
        kubeSystem,
      ],
      ['critical'],
    ],
    [
      'a "default deny" that allows everything',
      [
        globalPolicy('default-deny', {
          order: 1000,
          selector: 'all()',
          types: ['Ingress', 'Egress'],
          ingress: [{ action: 'Allow' }],
          egress: [{ action: 'Allow' }],
        }),
        production,
      ],
      ['critical'],
    ],
    [
      'a policy of unknown state could be the default deny',
      [production, trackedUnknown('GlobalNetworkPolicy', 'projectcalico.org', 'default-deny')],
      ['info'],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(noDefaultDenyRule, objects))).toEqual(expected);
  });

  it('says what was searched when nothing is found', () => {
    const [finding] = runRule(noDefaultDenyRule, [production, web]);
    expect(finding?.description).toContain('production and web');
    expect(finding?.evidence.note).toMatch(/^Searched 0 policies/);
    expect(finding?.evidence.objects?.map((object) => object.name)).toEqual(['production', 'web']);
    expect(finding?.fix).toContain('kind: GlobalNetworkPolicy');
  });
});

describe('PL-NET-002 partial default deny', () => {
  const tenantDeny = globalPolicy('tenant-default-deny', {
    order: 1000,
    namespaceSelector: "tenant == 'true'",
    types: ['Ingress', 'Egress'],
  });

  it.each([
    ['a global default deny', [defaultDeny, production, web], []],
    [
      'a default deny for tenant namespaces misses an unlabelled one',
      [tenantDeny, production, web],
      ['medium', 'medium'],
    ],
    [
      'per-namespace Kubernetes default denies everywhere: a namespace created later starts open',
      [kubernetesDefaultDeny('production'), kubernetesDefaultDeny('web'), production, web],
      ['low', 'low'],
    ],
    ['no default deny at all (PL-NET-001 reports it)', [production, web], []],
    [
      'a namespace known only by name, under a label-selecting default deny',
      [
        tenantDeny,
        production,
        kubernetesPolicy('allow-web', 'shop', { podSelector: {}, ingress: [{}] }),
      ],
      ['low', 'info', 'low', 'info'],
    ],
    [
      'a policy of unknown state in the uncovered namespace',
      [
        tenantDeny,
        production,
        web,
        trackedUnknown('NetworkPolicy', 'projectcalico.org', 'default-deny', 'web'),
      ],
      ['low', 'info', 'low', 'info'],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(partialDefaultDenyRule, objects))).toEqual(expected);
  });

  it('names the namespaces the default deny misses', () => {
    const [finding] = runRule(partialDefaultDenyRule, [tenantDeny, production, web]);
    expect(finding?.description).toMatch(/misses web/);
    expect(finding?.description).toContain('Covered: production');
  });
});

describe('PL-NET-003 DNS allowed before the default deny', () => {
  const udpOnly = edited(allowDns, (draft) => {
    draft.spec.egress = [draft.spec.egress[0]];
  });
  const explicitDeny = globalPolicy('default-deny', {
    order: 1000,
    selector: 'all()',
    types: ['Ingress', 'Egress'],
    ingress: [{ action: 'Deny' }],
    egress: [{ action: 'Deny' }],
  });
  const lateTier = calico('Tier', 'late', { order: 2_000_000, defaultAction: 'Deny' });

  it.each([
    [
      'the seed allow-dns (order 100) before default-deny (order 1000)',
      [allowDns, defaultDeny, production],
      [],
    ],
    ['a default deny and no DNS allow', [defaultDeny, production], ['high']],
    ['DNS allowed over UDP only', [udpOnly, defaultDeny, production], ['medium']],
    [
      'allow-dns after a rule-less default deny in the same tier (the deny acts at the tier end)',
      [
        edited(allowDns, (draft) => {
          draft.spec.order = 2000;
        }),
        defaultDeny,
        production,
      ],
      [],
    ],
    [
      'allow-dns after a default deny with an explicit catch-all Deny',
      [
        edited(allowDns, (draft) => {
          draft.spec.order = 2000;
        }),
        explicitDeny,
        production,
      ],
      ['high'],
    ],
    [
      'allow-dns in an earlier tier',
      [securityTier, inTier(allowDns, 'security'), defaultDeny, production],
      [],
    ],
    [
      'allow-dns only in a later tier',
      [lateTier, inTier(allowDns, 'late'), defaultDeny, production],
      ['high'],
    ],
    [
      'a threat-feed Deny ahead of allow-dns does not block DNS',
      [blockThreatFeeds, allowDns, defaultDeny, production],
      [],
    ],
    ['no egress default deny at all', [allowDns, production], []],
    [
      'a Kubernetes default deny with DNS allowed in its namespace',
      [
        kubernetesDefaultDeny('production', ['Egress']),
        kubernetesPolicy('allow-dns', 'production', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: {
                    matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                  },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        }),
        production,
      ],
      [],
    ],
    [
      'a policy of unknown state could allow DNS',
      [
        defaultDeny,
        production,
        trackedUnknown('GlobalNetworkPolicy', 'projectcalico.org', 'allow-dns'),
      ],
      ['info'],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(dnsBeforeDefaultDenyRule, objects))).toEqual(expected);
  });

  it('names the deny policy, its tier and the namespaces without DNS', () => {
    const [finding] = runRule(dnsBeforeDefaultDenyRule, [defaultDeny, production]);
    expect(finding?.description).toMatch(
      /^GlobalNetworkPolicy default-deny puts egress under tier default's default deny/,
    );
    expect(finding?.description).toContain('production and any namespace created later');
    expect(finding?.fix).toContain("k8s-app == 'kube-dns'");
  });
});
