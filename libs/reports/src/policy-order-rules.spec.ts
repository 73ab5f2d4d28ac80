import { describe, expect, it } from 'vitest';
import { broadAllowRule } from './broad-allow-rule';
import { shadowedDenyRule } from './shadowed-deny-rule';
import { runRule, severitiesOf } from './testing/run-rule';
import {
  calico,
  defaultDeny,
  edited,
  globalPolicy,
  kubernetesAllowFrontend,
  namespace,
  namespacedPolicy,
  platformTier,
} from './testing/synthetic-inventory';

const production = namespace('production');
const allowAll = globalPolicy('allow-all', {
  order: 10,
  selector: 'all()',
  types: ['Ingress'],
  ingress: [{ action: 'Allow' }],
});

describe('PL-NET-004 broad Allow ahead of other policies', () => {
  it.each([
    [
      'an allow-all GlobalNetworkPolicy at order 10, default-deny after it',
      [allowAll, defaultDeny, production],
      ['critical'],
    ],
    [
      'an allow-all NetworkPolicy ahead of a Kubernetes policy of its namespace',
      [
        namespacedPolicy('allow-all', 'production', {
          order: 10,
          selector: 'all()',
          ingress: [{ action: 'Allow' }],
        }),
        kubernetesAllowFrontend,
        production,
      ],
      ['high'],
    ],
    ['an allow-all with nothing after it', [allowAll, production], []],
    [
      'an allow on port 443 only',
      [
        edited(allowAll, (draft) => {
          draft.spec.ingress = [
            { action: 'Allow', protocol: 'TCP', destination: { ports: [443] } },
          ];
        }),
        defaultDeny,
      ],
      [],
    ],
    [
      'Pass hands traffic to the next tier instead',
      [
        edited(allowAll, (draft) => {
          draft.spec.ingress = [{ action: 'Pass' }];
        }),
        defaultDeny,
      ],
      [],
    ],
    [
      'the allow-all comes after a catch-all Deny in the same policy',
      [
        edited(allowAll, (draft) => {
          draft.spec.ingress = [{ action: 'Deny' }, { action: 'Allow' }];
        }),
        defaultDeny,
      ],
      [],
    ],
    [
      'an allow-all that is only staged',
      [
        calico('StagedGlobalNetworkPolicy', 'allow-all', allowAll.spec as Record<string, unknown>),
        defaultDeny,
      ],
      [],
    ],
    [
      'an allow-all for app == debug only',
      [
        edited(allowAll, (draft) => {
          draft.spec.selector = "app == 'debug'";
        }),
        defaultDeny,
      ],
      [],
    ],
    [
      'an allow-all in one namespace, later policies in another',
      [
        namespacedPolicy('allow-all', 'sandbox', {
          order: 10,
          selector: 'all()',
          ingress: [{ action: 'Allow' }],
        }),
        kubernetesAllowFrontend,
        namespace('sandbox'),
        production,
      ],
      [],
    ],
    [
      'an egress-only later policy is not shadowed by an ingress allow-all',
      [allowAll, globalPolicy('deny-egress', { order: 20, selector: 'all()', types: ['Egress'] })],
      [],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(broadAllowRule, objects))).toEqual(expected);
  });

  it('names the allow rule and the policies it disables', () => {
    const [finding] = runRule(broadAllowRule, [allowAll, defaultDeny, kubernetesAllowFrontend]);
    expect(finding?.description).toContain(
      'GlobalNetworkPolicy allow-all (tier default, order 10)',
    );
    expect(finding?.description).toContain('ingress rule 1');
    expect(finding?.description).toContain('2 policies evaluated after it never see that traffic');
    expect(finding?.evidence.objects?.map((object) => object.name)).toEqual([
      'allow-all',
      'default-deny',
      'allow-frontend',
    ]);
  });
});

describe('PL-NET-005 Deny shadowed by an earlier Allow', () => {
  const platform = (object: Record<string, unknown>) =>
    edited(object, (draft) => {
      draft.spec.tier = 'platform';
    });
  const allowWeb = platform(
    globalPolicy('allow-web', {
      order: 100,
      selector: 'all()',
      types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } }],
    }),
  );
  const denyPartner = platform(
    globalPolicy('deny-partner', {
      order: 200,
      selector: 'all()',
      types: ['Ingress'],
      ingress: [
        {
          action: 'Deny',
          protocol: 'TCP',
          source: { nets: ['203.0.113.0/24'] },
          destination: { ports: [443] },
        },
      ],
    }),
  );

  it.each([
    [
      'an allow of TCP 443 from anywhere ahead of a deny of 443 from a partner',
      [platformTier, allowWeb, denyPartner],
      ['high'],
    ],
    [
      'the deny ordered first',
      [
        platformTier,
        edited(allowWeb, (draft) => {
          draft.spec.order = 300;
        }),
        denyPartner,
      ],
      [],
    ],
    [
      'allow and deny in different tiers',
      [
        platformTier,
        edited(allowWeb, (draft) => {
          delete draft.spec.tier;
        }),
        denyPartner,
      ],
      [],
    ],
    [
      'an allow of 10.0.0.0/8 ahead of a deny of 10.1.0.0/16',
      [
        platformTier,
        edited(allowWeb, (draft) => {
          draft.spec.ingress = [{ action: 'Allow', source: { nets: ['10.0.0.0/8'] } }];
        }),
        edited(denyPartner, (draft) => {
          draft.spec.ingress = [{ action: 'Deny', source: { nets: ['10.1.0.0/16'] } }];
        }),
      ],
      ['high'],
    ],
    [
      'an allow for fewer endpoints than the deny',
      [
        platformTier,
        edited(allowWeb, (draft) => {
          draft.spec.selector = "app == 'web'";
        }),
        denyPartner,
      ],
      [],
    ],
    [
      'an allow on another port',
      [
        platformTier,
        edited(allowWeb, (draft) => {
          draft.spec.ingress[0].destination.ports = [8443];
        }),
        denyPartner,
      ],
      [],
    ],
    [
      'an allow of UDP ahead of a deny of TCP',
      [
        platformTier,
        edited(allowWeb, (draft) => {
          draft.spec.ingress[0].protocol = 'UDP';
        }),
        denyPartner,
      ],
      [],
    ],
    [
      'an allow in the namespace ahead of a namespaced deny with the same selector',
      [
        namespacedPolicy('allow-api', 'production', {
          order: 100,
          selector: "app == 'api'",
          ingress: [{ action: 'Allow' }],
        }),
        namespacedPolicy('deny-scanner', 'production', {
          order: 200,
          selector: "app == 'api'",
          ingress: [{ action: 'Deny', source: { nets: ['198.51.100.7/32'] } }],
        }),
      ],
      ['high'],
    ],
    [
      'a staged allow',
      [
        platformTier,
        calico('StagedGlobalNetworkPolicy', 'allow-web', allowWeb.spec as Record<string, unknown>),
        denyPartner,
      ],
      [],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(shadowedDenyRule, objects))).toEqual(expected);
  });

  it('names both policies and the shadowed rule', () => {
    const [finding] = runRule(shadowedDenyRule, [platformTier, allowWeb, denyPartner]);
    expect(finding?.description).toBe(
      'GlobalNetworkPolicy deny-partner denies traffic (ingress rule 1) that GlobalNetworkPolicy allow-web, evaluated earlier in tier platform, already allows (ingress rule 1): the Deny never takes effect.',
    );
  });
});
