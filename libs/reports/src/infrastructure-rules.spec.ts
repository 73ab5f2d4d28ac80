import { describe, expect, it } from 'vitest';
import { failOpenTierRule } from './fail-open-tier-rule';
import { internetEgressRule } from './internet-egress-rule';
import { staleStagedPolicyRule } from './stale-staged-policy-rule';
import { runRule, severitiesOf } from './testing/run-rule';
import {
  backendEgress,
  blockThreatFeeds,
  calico,
  defaultDeny,
  defaultDenyAll,
  edited,
  globalPolicy,
  hostProtection,
  knownBadIps,
  namespacedPolicy,
  partnerNets,
  platformTier,
  tracked,
  trackedUnknown,
  workerHostEndpoint,
} from './testing/synthetic-inventory';
import { threatFeedRule } from './threat-feed-rule';
import { unprotectedHostEndpointRule } from './unprotected-host-endpoint-rule';

describe('PL-NET-007 unrestricted egress to the internet', () => {
  const anywhere = globalPolicy('allow-https-out', {
    order: 300,
    selector: 'all()',
    types: ['Egress'],
    egress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } }],
  });
  const internetSet = calico('GlobalNetworkSet', 'internet', { nets: ['0.0.0.0/0'] }, undefined, {
    zone: 'internet',
  });

  it.each([
    ['TCP 443 to any destination from every pod', [anywhere], ['high']],
    [
      '0.0.0.0/0 for the crawler only',
      [
        namespacedPolicy('crawler-out', 'web', {
          selector: "app == 'crawler'",
          egress: [{ action: 'Allow', destination: { nets: ['0.0.0.0/0'] } }],
        }),
      ],
      ['medium'],
    ],
    [
      '::/0 from every pod',
      [
        edited(anywhere, (draft) => {
          draft.spec.egress[0].destination.nets = ['::/0'];
        }),
      ],
      ['high'],
    ],
    ['the seed backend-egress (10.0.0.0/8 and api.stripe.com)', [backendEgress], []],
    [
      'a public CIDR is a named destination',
      [
        edited(anywhere, (draft) => {
          draft.spec.egress[0].destination.nets = ['203.0.113.0/24'];
        }),
      ],
      [],
    ],
    [
      'a selector picking a network set that holds 0.0.0.0/0',
      [
        internetSet,
        edited(anywhere, (draft) => {
          draft.spec.egress[0].destination = { selector: "zone == 'internet'" };
        }),
      ],
      ['high'],
    ],
    [
      'a Deny to everything',
      [
        edited(anywhere, (draft) => {
          draft.spec.egress[0].action = 'Deny';
        }),
      ],
      [],
    ],
    [
      'a staged allow to everything',
      [
        calico(
          'StagedGlobalNetworkPolicy',
          'allow-https-out',
          anywhere.spec as Record<string, unknown>,
        ),
      ],
      [],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(internetEgressRule, objects))).toEqual(expected);
  });

  it('names the rule, its protocol and ports', () => {
    const [finding] = runRule(internetEgressRule, [anywhere]);
    expect(finding?.description).toContain('egress rule 1 allows TCP 443');
  });
});

describe('PL-NET-009 threat feed not used by a Deny', () => {
  const namespacedDeny = namespacedPolicy('block-bad', 'web', {
    selector: 'all()',
    types: ['Egress'],
    egress: [{ action: 'Deny', destination: { selector: "threat-feed == 'malicious'" } }],
  });

  it.each([
    ['the seed block-threat-feeds selects known-bad-ips', [blockThreatFeeds, knownBadIps], []],
    ['a threat feed and no Deny', [knownBadIps], ['medium']],
    [
      'only a staged Deny selects it',
      [
        knownBadIps,
        calico(
          'StagedGlobalNetworkPolicy',
          'block-threat-feeds',
          blockThreatFeeds.spec as Record<string, unknown>,
        ),
      ],
      ['medium'],
    ],
    [
      'a namespaced Deny without namespaceSelector global() does not reach a global set',
      [knownBadIps, namespacedDeny],
      ['medium'],
    ],
    [
      'a namespaced Deny with namespaceSelector global()',
      [
        knownBadIps,
        edited(namespacedDeny, (draft) => {
          draft.spec.egress[0].destination.namespaceSelector = 'global()';
        }),
      ],
      [],
    ],
    ['a partner set is no threat feed', [partnerNets], []],
    [
      'an Allow selecting the feed does not count',
      [
        knownBadIps,
        edited(blockThreatFeeds, (draft) => {
          draft.spec.egress[0].action = 'Allow';
        }),
      ],
      ['medium'],
    ],
    [
      'a policy of unknown state could deny it',
      [
        knownBadIps,
        trackedUnknown('GlobalNetworkPolicy', 'projectcalico.org', 'block-threat-feeds'),
      ],
      ['info'],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(threatFeedRule, objects))).toEqual(expected);
  });

  it('mentions the staged policy that would block it, and quotes the set label in the fix', () => {
    const [finding] = runRule(threatFeedRule, [
      knownBadIps,
      calico(
        'StagedGlobalNetworkPolicy',
        'block-threat-feeds',
        blockThreatFeeds.spec as Record<string, unknown>,
      ),
    ]);
    expect(finding?.description).toContain(
      'only staged StagedGlobalNetworkPolicy block-threat-feeds would',
    );
    expect(finding?.fix).toContain("destination: {selector: threat-feed == 'malicious'}");
  });
});

describe('PL-NET-010 staged policy left unenforced', () => {
  const staged = calico(
    'StagedGlobalNetworkPolicy',
    'default-deny',
    defaultDenyAll.spec as Record<string, unknown>,
  );

  it.each([
    ['staged 60 days ago', tracked(staged, { since: '2026-01-30T00:00:00Z' }), undefined, ['low']],
    ['staged 10 days ago', tracked(staged, { since: '2026-03-21T00:00:00Z' }), undefined, []],
    [
      'staged 10 days ago, threshold 7 days',
      tracked(staged, { since: '2026-03-21T00:00:00Z' }),
      7,
      ['low'],
    ],
    ['exactly at the threshold', tracked(staged, { since: '2026-03-17T00:00:00Z' }), undefined, []],
    [
      'staged 30 days ago, state unknown',
      trackedUnknown('StagedNetworkPolicy', 'projectcalico.org', 'backend-egress', 'production', {
        since: '2026-03-01T00:00:00Z',
      }),
      undefined,
      ['low'],
    ],
    [
      'an enforced policy unchanged for 60 days',
      tracked(defaultDeny, { since: '2026-01-30T00:00:00Z' }),
      undefined,
      [],
    ],
  ])('%s', (_name, object, threshold, expected) => {
    const findings = runRule(
      staleStagedPolicyRule,
      [object],
      threshold === undefined ? {} : { options: { stagedThresholdDays: threshold } },
    );
    expect(severitiesOf(findings)).toEqual(expected);
  });

  it('gives the age in days and says how it was measured', () => {
    const [finding] = runRule(staleStagedPolicyRule, [
      tracked(staged, { since: '2026-01-30T00:00:00Z' }),
    ]);
    expect(finding?.description).toContain(
      'for 60 days (unchanged since 2026-01-30, threshold 14 days)',
    );
    expect(finding?.fix).toContain(
      'kubectl delete stagedglobalnetworkpolicies.projectcalico.org default-deny',
    );
  });
});

describe('PL-NET-011 tier fails open', () => {
  const passing = edited(platformTier, (draft) => {
    draft.spec.defaultAction = 'Pass';
  });

  it.each([
    ['platform tier with defaultAction Pass', [passing], ['medium']],
    ['platform tier with defaultAction Deny', [platformTier], []],
    [
      'kube-admin passes by design',
      [calico('Tier', 'kube-admin', { order: 1000, defaultAction: 'Pass' })],
      [],
    ],
    [
      'the sg-local integration tier passes by design',
      [calico('Tier', 'sg-local', { order: 106, defaultAction: 'Pass' })],
      [],
    ],
    [
      'a rule-less default deny in a passing tier only passes',
      [
        passing,
        edited(defaultDenyAll, (draft) => {
          draft.spec.tier = 'platform';
        }),
      ],
      ['high'],
    ],
    [
      'an unreadable defaultAction is read as Pass',
      [
        edited(platformTier, (draft) => {
          draft.spec.defaultAction = 'Maybe';
        }),
      ],
      ['medium'],
    ],
    [
      'a tier of unknown state',
      [trackedUnknown('Tier', 'projectcalico.org', 'platform')],
      ['info'],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(failOpenTierRule, objects))).toEqual(expected);
  });
});

describe('PL-NET-012 host endpoint without policy', () => {
  it.each([
    [
      'selected by the seed default-deny (no namespace label: not in matches)',
      [workerHostEndpoint, defaultDeny],
      [],
    ],
    ['selected by host-protection', [workerHostEndpoint, hostProtection], []],
    ['no policy selects it', [workerHostEndpoint], ['medium']],
    [
      'its profile allows everything',
      [
        edited(workerHostEndpoint, (draft) => {
          draft.spec.profiles = ['projectcalico-default-allow'];
        }),
      ],
      ['high'],
    ],
    [
      'a policy with a namespaceSelector does not reach host endpoints',
      [
        workerHostEndpoint,
        edited(defaultDenyAll, (draft) => {
          draft.spec.namespaceSelector = 'all()';
        }),
      ],
      ['medium'],
    ],
    [
      'only a staged policy selects it',
      [
        workerHostEndpoint,
        calico(
          'StagedGlobalNetworkPolicy',
          'host-protection',
          hostProtection.spec as Record<string, unknown>,
        ),
      ],
      ['medium'],
    ],
    [
      'a global policy of unknown state could select it',
      [
        workerHostEndpoint,
        trackedUnknown('GlobalNetworkPolicy', 'projectcalico.org', 'host-protection'),
      ],
      ['info'],
    ],
  ])('%s', (_name, objects, expected) => {
    expect(severitiesOf(runRule(unprotectedHostEndpointRule, objects))).toEqual(expected);
  });
});
