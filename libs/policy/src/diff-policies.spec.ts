import { describe, expect, it } from 'vitest';
import type { DiffContext } from './diff-context';
import { diffObjects } from './diff-objects';
import type { ChangeType, Risk, SemanticChange } from './semantic-change';
import {
  allowDns,
  backendEgress,
  blockThreatFeeds,
  defaultDeny,
  edited,
  kubernetesAllowFrontend,
  kubernetesDefaultDeny,
  namespaceIsolation,
  stagedBackendEgress,
} from './testing/synthetic-seed-objects';

type Case = [
  name: string,
  before: unknown,
  after: unknown,
  type: ChangeType,
  risk: Risk,
  summary: string | RegExp,
];

function expectChange(
  changes: SemanticChange[],
  type: ChangeType,
  risk: Risk,
  summary: string | RegExp,
) {
  const change = changes.find((candidate) => candidate.type === type);
  expect(change, `no ${type} in ${JSON.stringify(changes, null, 1)}`).toBeDefined();
  expect(change?.risk).toBe(risk);
  expect(change?.summary).toMatch(summary);
}

function withKeysReversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withKeysReversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, child]) => [key, withKeysReversed(child)]),
  );
}

const tierPeers: DiffContext = {
  tierPolicies: [allowDns, blockThreatFeeds, defaultDeny, namespaceIsolation, backendEgress],
};

describe('diffObjects on policies: changes that must be reported', () => {
  it.each<Case>([
    [
      'a 0.0.0.0/0 destination replacing a private net',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.egress[0].destination.nets = ['0.0.0.0/0'])),
      'destination-widened',
      'high',
      'Egress rule 1 now allows TCP to 0.0.0.0/0 (was 10.0.0.0/8)',
    ],
    [
      '::/0 added next to a private net',
      backendEgress,
      edited(backendEgress, (p) => p.spec.egress[0].destination.nets.push('::/0')),
      'destination-widened',
      'high',
      /to 10\.0\.0\.0\/8, ::\/0 \(was 10\.0\.0\.0\/8\)/,
    ],
    [
      'a public CIDR added',
      backendEgress,
      edited(backendEgress, (p) => p.spec.egress[0].destination.nets.push('203.0.113.7/32')),
      'destination-widened',
      'high',
      /203\.0\.113\.7\/32/,
    ],
    [
      'a private CIDR widened to a larger private one',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.egress[0].destination.nets = ['10.0.0.0/7'])),
      'destination-widened',
      'high',
      /10\.0\.0\.0\/7/,
    ],
    [
      'one more private range',
      backendEgress,
      edited(backendEgress, (p) => p.spec.egress[0].destination.nets.push('192.168.0.0/16')),
      'destination-widened',
      'medium',
      /192\.168\.0\.0\/16/,
    ],
    [
      'the destination selector removed',
      allowDns,
      edited(allowDns, (p) => delete p.spec.egress[0].destination.selector),
      'destination-widened',
      'high',
      "Egress rule 1 now allows UDP to anywhere (was selector k8s-app == 'kube-dns')",
    ],
    [
      'a notNets exclusion removed',
      edited(backendEgress, (p) => (p.spec.egress[0].destination.notNets = ['10.1.0.0/16'])),
      backendEgress,
      'destination-widened',
      'medium',
      /was 10\.0\.0\.0\/8 and not 10\.1\.0\.0\/16/,
    ],
    [
      'a domain added',
      backendEgress,
      edited(backendEgress, (p) => p.spec.egress[1].destination.domains.push('*.amazonaws.com')),
      'destination-widened',
      'medium',
      /now allows TCP to \*\.amazonaws\.com, api\.stripe\.com \(was api\.stripe\.com\)/,
    ],
    [
      'a rule namespaceSelector broadened to all()',
      namespaceIsolation,
      edited(namespaceIsolation, (p) => (p.spec.ingress[0].source.namespaceSelector = 'all()')),
      'source-widened',
      'medium',
      /Ingress rule 1 now allows from namespaces all\(\)/,
    ],
    [
      'a source selector introduced as all()',
      edited(namespaceIsolation, (p) => (p.spec.ingress[0].source = { selector: "app == 'web'" })),
      edited(namespaceIsolation, (p) => (p.spec.ingress[0].source = { selector: 'all()' })),
      'source-widened',
      'medium',
      /from selector all\(\) \(was selector app == 'web'\)/,
    ],
    [
      'Kubernetes peers removed (from anywhere)',
      kubernetesAllowFrontend,
      edited(kubernetesAllowFrontend, (p) => delete p.spec.ingress[0].from),
      'source-widened',
      'high',
      "Ingress rule 1 now allows TCP from anywhere (was selector app == 'frontend')",
    ],
    [
      'ports removed',
      allowDns,
      edited(allowDns, (p) => delete p.spec.egress[0].destination.ports),
      'ports-widened',
      'medium',
      'Egress rule 1 now allows UDP on any port (was port 53)',
    ],
    [
      'a port range enlarged',
      edited(backendEgress, (p) => (p.spec.egress[0].destination.ports = ['5432:5433'])),
      edited(backendEgress, (p) => (p.spec.egress[0].destination.ports = ['5000:6000'])),
      'ports-widened',
      'medium',
      /port 5000:6000 \(was port 5432:5433\)/,
    ],
    [
      'Kubernetes port given an endPort',
      kubernetesAllowFrontend,
      edited(kubernetesAllowFrontend, (p) => (p.spec.ingress[0].ports[0].endPort = 8090)),
      'ports-widened',
      'medium',
      /port 8080:8090 \(was port 8080\)/,
    ],
    [
      'ports removed on a rule open to everything',
      edited(allowDns, (p) => (p.spec.egress[0].destination = { ports: [53] })),
      edited(allowDns, (p) => (p.spec.egress[0].destination = {})),
      'ports-widened',
      'high',
      /any port/,
    ],
    [
      'the protocol restriction removed',
      allowDns,
      edited(allowDns, (p) => delete p.spec.egress[0].protocol),
      'protocol-widened',
      'medium',
      'Egress rule 1 now allows any protocol (was UDP)',
    ],
    [
      'Deny → Allow',
      blockThreatFeeds,
      edited(blockThreatFeeds, (p) => (p.spec.egress[0].action = 'Allow')),
      'action-changed',
      'high',
      'Action of egress rule 1 changed Deny → Allow',
    ],
    [
      'Pass → Allow',
      edited(blockThreatFeeds, (p) => (p.spec.egress[0].action = 'Pass')),
      edited(blockThreatFeeds, (p) => (p.spec.egress[0].action = 'Allow')),
      'action-changed',
      'high',
      'Pass → Allow',
    ],
    [
      'Deny → Pass (skips the rest of the tier)',
      blockThreatFeeds,
      edited(blockThreatFeeds, (p) => (p.spec.egress[0].action = 'Pass')),
      'action-changed',
      'medium',
      'Deny → Pass',
    ],
    [
      'Allow → Deny',
      allowDns,
      edited(allowDns, (p) => (p.spec.egress[0].action = 'Deny')),
      'action-changed',
      'low',
      'Allow → Deny',
    ],
    [
      'a destination swapped for an incomparable one',
      allowDns,
      edited(
        allowDns,
        (p) => (p.spec.egress[0].destination.selector = "k8s-app == 'node-local-dns'"),
      ),
      'rule-changed',
      'medium',
      "Egress rule 1 destination changed: selector k8s-app == 'kube-dns' → selector k8s-app == 'node-local-dns'",
    ],
    [
      'TCP → UDP',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.egress[0].protocol = 'UDP')),
      'rule-changed',
      'medium',
      'Egress rule 1 protocol changed: TCP → UDP',
    ],
    [
      'a Deny rule narrowed',
      edited(blockThreatFeeds, (p) => (p.spec.egress[0].destination = {})),
      blockThreatFeeds,
      'destination-narrowed',
      'medium',
      /now denies only to selector threat-feed == 'malicious' \(was anywhere\)/,
    ],
    [
      'an Allow rule narrowed',
      edited(backendEgress, (p) => (p.spec.egress[0].destination.nets = ['0.0.0.0/0'])),
      backendEgress,
      'destination-narrowed',
      'low',
      /now allows only TCP to 10\.0\.0\.0\/8 \(was 0\.0\.0\.0\/0\)/,
    ],
    [
      'an Allow rule to 0.0.0.0/0 inserted first',
      backendEgress,
      edited(backendEgress, (p) =>
        p.spec.egress.unshift({
          action: 'Allow',
          protocol: 'TCP',
          destination: { nets: ['0.0.0.0/0'], ports: [443] },
        }),
      ),
      'rule-added',
      'high',
      'Egress rule 1 added: Allow TCP to 0.0.0.0/0 port 443',
    ],
    [
      'an internal Allow rule added',
      backendEgress,
      edited(backendEgress, (p) =>
        p.spec.egress.push({
          action: 'Allow',
          protocol: 'TCP',
          destination: { selector: "app == 'cache'", ports: [6379] },
        }),
      ),
      'rule-added',
      'medium',
      "Egress rule 3 added: Allow TCP to selector app == 'cache' port 6379",
    ],
    [
      'a Kubernetes peer from anywhere added',
      kubernetesAllowFrontend,
      edited(kubernetesAllowFrontend, (p) =>
        p.spec.ingress[0].from.push({ ipBlock: { cidr: '0.0.0.0/0' } }),
      ),
      'rule-added',
      'high',
      'Ingress rule 1 (peer 2, TCP) added: Allow TCP from 0.0.0.0/0 port 8080',
    ],
    [
      'the threat-feed Deny rule removed',
      blockThreatFeeds,
      edited(blockThreatFeeds, (p) => (p.spec.egress = [])),
      'rule-removed',
      'medium',
      "Egress rule 1 removed: Deny to selector threat-feed == 'malicious'",
    ],
    [
      'a deny-everything rule removed',
      edited(defaultDeny, (p) => (p.spec.egress = [{ action: 'Deny' }])),
      defaultDeny,
      'rule-removed',
      'high',
      'Egress rule 1 removed: Deny to anywhere',
    ],
    [
      'an Allow rule removed',
      backendEgress,
      edited(backendEgress, (p) => p.spec.egress.pop()),
      'rule-removed',
      'low',
      /Egress rule 2 removed: Allow TCP to api\.stripe\.com port 443/,
    ],
    [
      'a Deny rule moved below an Allow',
      edited(backendEgress, (p) =>
        p.spec.egress.unshift({ action: 'Deny', destination: { nets: ['10.9.0.0/16'] } }),
      ),
      edited(backendEgress, (p) =>
        p.spec.egress.push({ action: 'Deny', destination: { nets: ['10.9.0.0/16'] } }),
      ),
      'rule-moved',
      'medium',
      'Egress rule 1 (Deny to 10.9.0.0/16) moved to position 3',
    ],
    [
      'the policy selector widened to all()',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.selector = 'all()')),
      'selector-changed',
      'high',
      "Selector changed app == 'backend' → all() (now selects every endpoint)",
    ],
    [
      'the default deny narrowed to one app',
      defaultDeny,
      edited(defaultDeny, (p) => (p.spec.selector = "app == 'legacy'")),
      'selector-changed',
      'high',
      "Selector changed all() → app == 'legacy'",
    ],
    [
      'an allow policy retargeted',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.selector = "app == 'worker'")),
      'selector-changed',
      'medium',
      "Selector changed app == 'backend' → app == 'worker'",
    ],
    [
      'the GlobalNetworkPolicy namespaceSelector dropped',
      namespaceIsolation,
      edited(namespaceIsolation, (p) => delete p.spec.namespaceSelector),
      'selector-changed',
      'high',
      "Namespace selector changed tenant == 'true' → all()",
    ],
    [
      'a Kubernetes podSelector emptied',
      kubernetesAllowFrontend,
      edited(kubernetesAllowFrontend, (p) => (p.spec.podSelector = {})),
      'selector-changed',
      'high',
      "Selector changed app == 'backend' → all()",
    ],
    [
      'an unparsable selector',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.selector = 'app ==')),
      'selector-changed',
      'medium',
      '(selector could not be parsed)',
    ],
    [
      'order moved without context',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.order = 150)),
      'order-moved',
      'medium',
      'Order changed 200 → 150',
    ],
    [
      'order removed',
      backendEgress,
      edited(backendEgress, (p) => delete p.spec.order),
      'order-moved',
      'medium',
      'Order changed 200 → unset (evaluated last)',
    ],
    [
      'tier changed',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.tier = 'platform')),
      'tier-changed',
      'medium',
      'Moved from tier default to tier platform',
    ],
    [
      'egress enforcement removed',
      defaultDeny,
      edited(defaultDeny, (p) => (p.spec.types = ['Ingress'])),
      'types-changed',
      'high',
      'Egress enforcement removed (types Ingress, Egress → Ingress)',
    ],
    [
      'egress enforcement removed by deleting every egress rule (defaulted types)',
      edited(allowDns, (p) => {
        delete p.spec.types;
        p.spec.ingress = [{ action: 'Allow' }];
      }),
      edited(allowDns, (p) => {
        delete p.spec.types;
        p.spec.ingress = [{ action: 'Allow' }];
        p.spec.egress = [];
      }),
      'types-changed',
      'high',
      'Egress enforcement removed',
    ],
    [
      'ingress enforcement added',
      allowDns,
      edited(allowDns, (p) => (p.spec.types = ['Ingress', 'Egress'])),
      'types-changed',
      'low',
      'Ingress enforcement added (types Egress → Ingress, Egress)',
    ],
    [
      'doNotTrack on',
      defaultDeny,
      edited(defaultDeny, (p) => (p.spec.doNotTrack = true)),
      'do-not-track-toggled',
      'medium',
      'doNotTrack turned on',
    ],
    [
      'preDNAT on',
      defaultDeny,
      edited(defaultDeny, (p) => (p.spec.preDNAT = true)),
      'pre-dnat-toggled',
      'medium',
      'preDNAT turned on',
    ],
    [
      'applyOnForward off',
      edited(defaultDeny, (p) => (p.spec.applyOnForward = true)),
      defaultDeny,
      'apply-on-forward-toggled',
      'medium',
      'applyOnForward turned off',
    ],
    [
      'a default deny created',
      undefined,
      defaultDeny,
      'policy-created',
      'low',
      /GlobalNetworkPolicy default-deny created \(.*default deny for Ingress, Egress\)/,
    ],
    [
      'an allow-all created',
      undefined,
      edited(defaultDeny, (p) => (p.spec.ingress = [{ action: 'Allow' }])),
      'policy-created',
      'high',
      /created/,
    ],
    [
      'an internal allow created',
      undefined,
      allowDns,
      'policy-created',
      'medium',
      'GlobalNetworkPolicy allow-dns created (tier default, order 100, selector all(), 2 rules)',
    ],
    [
      'a default deny deleted',
      defaultDeny,
      undefined,
      'policy-deleted',
      'high',
      /default-deny deleted/,
    ],
    [
      'a deny policy deleted',
      blockThreatFeeds,
      undefined,
      'policy-deleted',
      'high',
      /block-threat-feeds deleted/,
    ],
    [
      'a Kubernetes default deny deleted',
      kubernetesDefaultDeny,
      undefined,
      'policy-deleted',
      'high',
      /KubernetesNetworkPolicy default-deny-all in namespace production deleted/,
    ],
    [
      'an allow policy deleted',
      allowDns,
      undefined,
      'policy-deleted',
      'medium',
      /allow-dns deleted/,
    ],
    [
      'a staged policy promoted',
      stagedBackendEgress,
      backendEgress,
      'staged-to-enforced',
      'medium',
      /backend-egress in namespace production is now enforced/,
    ],
    [
      'an enforced deny demoted to staged',
      blockThreatFeeds,
      edited(blockThreatFeeds, (p) => (p.kind = 'StagedGlobalNetworkPolicy')),
      'enforced-to-staged',
      'high',
      /no longer enforced/,
    ],
    [
      'a staged Kubernetes policy promoted',
      edited(kubernetesAllowFrontend, (p) => {
        p.apiVersion = 'projectcalico.org/v3';
        p.kind = 'StagedKubernetesNetworkPolicy';
      }),
      kubernetesAllowFrontend,
      'staged-to-enforced',
      'medium',
      'KubernetesNetworkPolicy allow-frontend in namespace production is now enforced (was staged as StagedKubernetesNetworkPolicy allow-frontend)',
    ],
    [
      'a staged action changed',
      stagedBackendEgress,
      edited(stagedBackendEgress, (p) => (p.spec.stagedAction = 'Delete')),
      'staged-action-changed',
      'low',
      'Staged action changed Set → Delete',
    ],
    [
      'a staged policy widened (previewed, not enforced)',
      stagedBackendEgress,
      edited(stagedBackendEgress, (p) => (p.spec.egress[0].destination.nets = ['0.0.0.0/0'])),
      'destination-widened',
      'low',
      'Staged: Egress rule 1 now allows TCP to 0.0.0.0/0 (was 10.0.0.0/8)',
    ],
    [
      'an open rule in a direction the types leave out (not enforced)',
      edited(allowDns, (p) => (p.spec.types = ['Ingress'])),
      edited(allowDns, (p) => {
        p.spec.types = ['Ingress'];
        p.spec.egress.push({ action: 'Allow' });
      }),
      'rule-added',
      'low',
      'Egress not enforced (types): Egress rule 3 added: Allow to anywhere',
    ],
    [
      'an unmodelled spec field changed',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.performanceHints = ['AssumeNeededOnEveryNode'])),
      'field-changed',
      'low',
      'Field spec.performanceHints changed',
    ],
  ])('%s', (_name, before, after, type, risk, summary) => {
    expectChange(diffObjects(undefined, before, after), type, risk, summary);
  });

  it('keeps the widening risk of a staged change in details', () => {
    const after = edited(
      stagedBackendEgress,
      (p) => (p.spec.egress[0].destination.nets = ['0.0.0.0/0']),
    );
    expect(diffObjects(undefined, stagedBackendEgress, after)[0]?.details).toMatchObject({
      riskIfEnforced: 'high',
    });
  });
});

describe('diffObjects on policies: order moves in the context of the tier', () => {
  it.each<[string, unknown, unknown, Risk, string]>([
    [
      'an allow policy moved before the threat-feed deny',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.order = 40)),
      'high',
      'Order changed 200 → 40: moved before allow-dns, block-threat-feeds',
    ],
    [
      'a deny policy moved after allow policies',
      blockThreatFeeds,
      edited(blockThreatFeeds, (p) => (p.spec.order = 300)),
      'high',
      'Order changed 50 → 300: moved after allow-dns, backend-egress',
    ],
    [
      'an allow policy moved past another allow policy',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.order = 600)),
      'medium',
      'Order changed 200 → 600: moved after namespace-isolation',
    ],
    [
      'a move that crosses no one',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.order = 210)),
      'medium',
      'Order changed 200 → 210',
    ],
  ])('%s', (_name, before, after, risk, summary) => {
    const changes = diffObjects(undefined, before, after, tierPeers);
    expect(changes).toEqual([expect.objectContaining({ type: 'order-moved', risk, summary })]);
  });

  it('ignores peers of other tiers', () => {
    const otherTier = edited(blockThreatFeeds, (p) => (p.spec.tier = 'security'));
    const changes = diffObjects(
      undefined,
      backendEgress,
      edited(backendEgress, (p) => (p.spec.order = 40)),
      {
        tierPolicies: [otherTier],
      },
    );
    expect(changes[0]?.summary).toBe('Order changed 200 → 40');
  });
});

describe('diffObjects on policies: what must not be reported', () => {
  const bookkeepingChanged = edited(defaultDeny, (p) => {
    p.metadata.resourceVersion = '999999/';
    p.metadata.generation = 9;
    p.metadata.uid = 'another';
    p.metadata.creationTimestamp = '2030-01-01T00:00:00Z';
    p.metadata.managedFields = [];
    p.status = { conditions: [] };
  });
  const annotated = edited(allowDns, (p) => {
    p.metadata.annotations = {
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(allowDns),
      comment: 'DNS first, as seed 003 says',
    };
    p.spec.egress[0].metadata = { annotations: { why: 'UDP queries' } };
  });

  it.each<[string, unknown, unknown]>([
    ['identical objects', allowDns, allowDns],
    ['keys in another order, at every level', allowDns, withKeysReversed(allowDns)],
    [
      'bookkeeping: resourceVersion, generation, uid, timestamps, managedFields, status',
      defaultDeny,
      bookkeepingChanged,
    ],
    ['annotations (last-applied-configuration, comments, rule comments)', allowDns, annotated],
    [
      'policy labels',
      defaultDeny,
      edited(defaultDeny, (p) => (p.metadata.labels = { 'projectcalico.org/tier': 'default' })),
    ],
    [
      'explicit types equal to the defaults',
      allowDns,
      edited(allowDns, (p) => delete p.spec.types),
    ],
    [
      'an empty selector for all()',
      defaultDeny,
      edited(defaultDeny, (p) => delete p.spec.selector),
    ],
    ['an empty tier for default', defaultDeny, edited(defaultDeny, (p) => (p.spec.tier = ''))],
    [
      'protocol spelled as a number',
      allowDns,
      edited(allowDns, (p) => (p.spec.egress[0].protocol = 17)),
    ],
    [
      'ports spelled as strings',
      allowDns,
      edited(allowDns, (p) => (p.spec.egress[0].destination.ports = ['53'])),
    ],
    [
      'nets listed in another order',
      edited(
        backendEgress,
        (p) => (p.spec.egress[0].destination.nets = ['10.0.0.0/8', '172.16.0.0/12']),
      ),
      edited(
        backendEgress,
        (p) => (p.spec.egress[0].destination.nets = ['172.16.0.0/12', '10.0.0.0/8']),
      ),
    ],
    [
      'Kubernetes matchLabels in another order',
      edited(
        kubernetesAllowFrontend,
        (p) => (p.spec.podSelector.matchLabels = { app: 'backend', tier: 'api' }),
      ),
      edited(
        kubernetesAllowFrontend,
        (p) => (p.spec.podSelector.matchLabels = { tier: 'api', app: 'backend' }),
      ),
    ],
    [
      'Kubernetes default protocol spelled out',
      kubernetesAllowFrontend,
      edited(kubernetesAllowFrontend, (p) => delete p.spec.ingress[0].ports[0].protocol),
    ],
    ['null for absent on both sides', null, undefined],
  ])('%s', (_name, before, after) => {
    expect(diffObjects(undefined, before, after)).toEqual([]);
  });

  it.each<[string, unknown, unknown, ChangeType]>([
    [
      'an Allow rule narrowed is no widening',
      edited(backendEgress, (p) => (p.spec.egress[0].destination.nets = ['0.0.0.0/0'])),
      backendEgress,
      'destination-widened',
    ],
    [
      'a rule appended after identical rules is no move',
      allowDns,
      edited(allowDns, (p) => p.spec.egress.push({ action: 'Deny' })),
      'rule-moved',
    ],
    [
      'adding an exclusion is no widening',
      backendEgress,
      edited(backendEgress, (p) => (p.spec.egress[0].destination.notPorts = [5433])),
      'ports-widened',
    ],
  ])('%s', (_name, before, after, type) => {
    expect(diffObjects(undefined, before, after).map((change) => change.type)).not.toContain(type);
  });

  it.each<[string, unknown, unknown]>([
    ['Allow → Deny', allowDns, edited(allowDns, (p) => (p.spec.egress[0].action = 'Deny'))],
    [
      'a Deny rule added',
      allowDns,
      edited(allowDns, (p) =>
        p.spec.egress.push({ action: 'Deny', destination: { nets: ['0.0.0.0/0'] } }),
      ),
    ],
    [
      'a Deny rule widened',
      blockThreatFeeds,
      edited(blockThreatFeeds, (p) => (p.spec.egress[0].destination = {})),
    ],
    [
      'a Log rule opened to everything',
      edited(allowDns, (p) => (p.spec.egress[0].action = 'Log')),
      edited(allowDns, (p) => (p.spec.egress[0] = { action: 'Log' })),
    ],
    [
      'ingress enforcement added',
      allowDns,
      edited(allowDns, (p) => (p.spec.types = ['Ingress', 'Egress'])),
    ],
    ['an Allow rule removed', backendEgress, edited(backendEgress, (p) => p.spec.egress.pop())],
    ['an identical-action reorder', allowDns, edited(allowDns, (p) => p.spec.egress.reverse())],
  ])('%s is not high risk', (_name, before, after) => {
    const changes = diffObjects(undefined, before, after);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((change) => change.risk === 'high')).toEqual([]);
  });
});
