import { describe, expect, it } from 'vitest';
import { buildInventorySection, UNKNOWN_TIER } from './build-inventory-section';
import { countUnknownStates } from './count-unknown-states';
import {
  allowDns,
  backendEgress,
  blockThreatFeeds,
  calico,
  defaultDeny,
  edited,
  globalPolicy,
  knownBadIps,
  kubernetesAllowFrontend,
  kubernetesDefaultDeny,
  partnerNets,
  platformTier,
  securityTier,
  tracked,
  trackedUnknown,
} from './testing/synthetic-inventory';

const inTier = (object: Record<string, unknown>, tier: string, order?: number) =>
  edited(object, (draft) => {
    draft.spec.tier = tier;
    if (order === undefined) delete draft.spec.order;
    else draft.spec.order = order;
  });

describe('buildInventorySection', () => {
  const inventory = [
    defaultDeny,
    kubernetesAllowFrontend,
    backendEgress,
    allowDns,
    blockThreatFeeds,
    platformTier,
    inTier(globalPolicy('platform-b', { selector: 'all()' }), 'platform', 10),
    inTier(globalPolicy('platform-a', { selector: 'all()' }), 'platform', 10),
    inTier(globalPolicy('platform-unordered', { selector: 'all()' }), 'platform'),
    securityTier,
    inTier(
      globalPolicy('security-guardrail', { selector: 'all()', ingress: [{ action: 'Deny' }] }),
      'security',
      5,
    ),
    knownBadIps,
    partnerNets,
  ].map((object) => tracked(object));

  it('lists tiers in evaluation order, the implicit default tier included', () => {
    expect(
      buildInventorySection(inventory).tiers.map((tier) => [
        tier.name,
        tier.order,
        tier.defaultAction,
        tier.policies,
      ]),
    ).toEqual([
      ['security', 100, 'Deny', 1],
      ['platform', 200, 'Deny', 3],
      ['default', 1_000_000, 'Deny', 5],
    ]);
  });

  it('lists policies by tier order, then policy order (absent last), then name; Kubernetes policies in default at 1000', () => {
    const rows = buildInventorySection(inventory).policies;
    expect(rows.map((row) => `${row.tier}/${row.order ?? '-'}/${row.name}`)).toEqual([
      'security/5/security-guardrail',
      'platform/10/platform-a',
      'platform/10/platform-b',
      'platform/-/platform-unordered',
      'default/50/block-threat-feeds',
      'default/100/allow-dns',
      'default/200/backend-egress',
      'default/1000/default-deny',
      'default/1000/allow-frontend',
    ]);
    expect(rows.find((row) => row.name === 'allow-frontend')).toMatchObject({
      kind: 'KubernetesNetworkPolicy',
      namespace: 'production',
      tierOrder: 1_000_000,
      selector: "app == 'backend'",
      types: ['Ingress'],
      actionsUsed: ['Allow'],
      stateKnown: true,
    });
  });

  it('keeps a Tier object for default instead of inventing one', () => {
    const withDefault = [
      ...inventory,
      tracked(calico('Tier', 'default', { order: 1_000_000, defaultAction: 'Pass' }), {
        version: 2,
      }),
    ];
    const defaults = buildInventorySection(withDefault).tiers.filter(
      (tier) => tier.name === 'default',
    );
    expect(defaults).toEqual([expect.objectContaining({ defaultAction: 'Pass', version: 2 })]);
  });

  it('marks the implicit default tier with version 0', () => {
    const [tier] = buildInventorySection([tracked(kubernetesDefaultDeny('production'))]).tiers;
    expect(tier).toEqual({
      cluster: 'synthetic-prod',
      name: 'default',
      order: 1_000_000,
      defaultAction: 'Deny',
      policies: 1,
      version: 0,
      since: '',
    });
  });

  it('lists network sets, global ones first', () => {
    expect(buildInventorySection(inventory).networkSets).toEqual([
      {
        cluster: 'synthetic-prod',
        kind: 'GlobalNetworkSet',
        name: 'known-bad-ips',
        nets: 2,
        domains: 0,
        labels: { 'threat-feed': 'malicious' },
      },
      {
        cluster: 'synthetic-prod',
        kind: 'NetworkSet',
        namespace: 'production',
        name: 'partner-nets',
        nets: 1,
        domains: 0,
        labels: { role: 'partner' },
      },
    ]);
  });

  it('lists policies of unknown state last, skips tiers and sets of unknown state, and counts them all', () => {
    const withUnknown = [
      ...inventory,
      trackedUnknown('GlobalNetworkPolicy', 'projectcalico.org', 'mystery'),
      trackedUnknown('Tier', 'projectcalico.org', 'shadow'),
      trackedUnknown('GlobalNetworkSet', 'projectcalico.org', 'lost-set'),
    ];
    const section = buildInventorySection(withUnknown);
    expect(section.policies.at(-1)).toMatchObject({
      name: 'mystery',
      tier: UNKNOWN_TIER,
      stateKnown: false,
      enforced: true,
    });
    expect(section.tiers.map((tier) => tier.name)).not.toContain('shadow');
    expect(section.networkSets.map((set) => set.name)).not.toContain('lost-set');
    expect(countUnknownStates(withUnknown)).toEqual([
      { cluster: 'synthetic-prod', resource: 'globalnetworkpolicies.projectcalico.org', count: 1 },
      { cluster: 'synthetic-prod', resource: 'globalnetworksets.projectcalico.org', count: 1 },
      { cluster: 'synthetic-prod', resource: 'tiers.projectcalico.org', count: 1 },
    ]);
  });

  it('lists a policy once when its crd.projectcalico.org twin is tracked too', () => {
    const twin = tracked({
      ...defaultDeny,
      apiVersion: 'crd.projectcalico.org/v1',
      metadata: { name: 'default.default-deny' },
    });
    const names = buildInventorySection([tracked(defaultDeny), twin]).policies.map(
      (row) => row.name,
    );
    expect(names).toEqual(['default-deny']);
  });

  it('keeps clusters apart, each in its own evaluation order', () => {
    const rows = buildInventorySection([
      tracked(defaultDeny, { cluster: 'synthetic-b' }),
      tracked(allowDns, { cluster: 'synthetic-a' }),
      tracked(defaultDeny, { cluster: 'synthetic-a' }),
    ]);
    expect(rows.policies.map((row) => `${row.cluster}:${row.name}`)).toEqual([
      'synthetic-a:allow-dns',
      'synthetic-a:default-deny',
      'synthetic-b:default-deny',
    ]);
    expect(rows.tiers.map((tier) => `${tier.cluster}:${tier.name}:${tier.policies}`)).toEqual([
      'synthetic-a:default:2',
      'synthetic-b:default:1',
    ]);
  });
});
