import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffObjects } from './diff-objects';
import { canonicalText, cloneJson } from './json-value';
import { RISK_RANK } from './semantic-change';
import { allowDns, backendEgress, defaultDeny, edited } from './testing/synthetic-seed-objects';
import { toPolicyModel } from './to-policy-model';

const KIND_HINTS = [
  undefined,
  'NetworkPolicy',
  'GlobalNetworkPolicy',
  'StagedNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
  'KubernetesNetworkPolicy',
  'networkpolicies',
  'Tier',
  'NetworkSet',
  'GlobalNetworkSet',
  'HostEndpoint',
  'FelixConfiguration',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'Namespace',
  'ConfigMap',
];

const API_VERSIONS = [
  'projectcalico.org/v3',
  'networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1',
  'v1',
  'nonsense',
];

const kindHint = fc.constantFrom(...KIND_HINTS);
const fuzzy = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: fc.jsonValue() });
const selector = fuzzy(
  fc.constantFrom('all()', '', "app == 'x'", 'has(a)', "a in {'b'}", 'app ==', '!all()'),
);
const entity = fuzzy(
  fc.record(
    {
      nets: fuzzy(
        fc.array(fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '::/0', '203.0.113.0/24', 'bad')),
      ),
      notNets: fuzzy(fc.array(fc.constantFrom('10.1.0.0/16', '::1'))),
      selector,
      notSelector: selector,
      namespaceSelector: selector,
      ports: fuzzy(
        fc.array(
          fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.constantFrom('80:90', 'http', '9:1')),
        ),
      ),
      domains: fuzzy(fc.array(fc.constantFrom('api.example.com', '*.example.com'))),
      serviceAccounts: fuzzy(fc.record({ names: fc.array(fc.string()), selector })),
      services: fuzzy(fc.record({ name: fc.string(), namespace: fc.string() })),
    },
    { requiredKeys: [] },
  ),
);
const calicoRule = fuzzy(
  fc.record(
    {
      action: fuzzy(fc.constantFrom('Allow', 'Deny', 'Pass', 'Log', 'allow', 'Nope')),
      protocol: fuzzy(fc.constantFrom('TCP', 'UDP', 6, 17, 'ICMP')),
      notProtocol: fuzzy(fc.constantFrom('TCP', 'UDP')),
      ipVersion: fuzzy(fc.constantFrom(4, 6)),
      source: entity,
      destination: entity,
      http: fuzzy(
        fc.record({
          methods: fc.array(fc.constantFrom('GET', 'POST')),
          paths: fc.array(fc.record({ prefix: fc.string() })),
        }),
      ),
    },
    { requiredKeys: [] },
  ),
);
const labelSelector = fuzzy(
  fc.record(
    {
      matchLabels: fc.dictionary(fc.constantFrom('app', 'team'), fc.constantFrom('a', 'b')),
      matchExpressions: fc.array(
        fc.record({
          key: fc.string(),
          operator: fc.constantFrom('In', 'NotIn', 'Exists', 'Bad'),
          values: fc.array(fc.string()),
        }),
      ),
    },
    { requiredKeys: [] },
  ),
);
const kubernetesRule = fuzzy(
  fc.record(
    {
      from: fuzzy(
        fc.array(
          fc.record(
            {
              podSelector: labelSelector,
              namespaceSelector: labelSelector,
              ipBlock: fuzzy(
                fc.record({
                  cidr: fc.constantFrom('0.0.0.0/0', '10.0.0.0/8'),
                  except: fc.array(fc.constantFrom('10.1.0.0/16')),
                }),
              ),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
      to: fuzzy(fc.array(fc.record({ podSelector: labelSelector }, { requiredKeys: [] }))),
      ports: fuzzy(
        fc.array(
          fc.record(
            {
              protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'),
              port: fc.oneof(fc.integer({ min: 0, max: 70000 }), fc.constantFrom('http')),
              endPort: fc.integer({ min: 0, max: 70000 }),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);
const rbacRule = fuzzy(
  fc.record(
    {
      verbs: fc.array(
        fc.constantFrom('get', 'list', 'create', 'update', '*', 'escalate', 'bind', 'impersonate'),
      ),
      apiGroups: fc.array(
        fc.constantFrom('', 'projectcalico.org', 'crd.projectcalico.org', 'networking.k8s.io', '*'),
      ),
      resources: fc.array(
        fc.constantFrom(
          'tiers',
          'tier.networkpolicies',
          'networkpolicies',
          'secrets',
          '*',
          'pods/*',
        ),
      ),
      resourceNames: fc.array(fc.constantFrom('security', 'security.*', 'default.p')),
      nonResourceURLs: fc.array(fc.constantFrom('/metrics', '*', '/api/*')),
    },
    { requiredKeys: [] },
  ),
);

/** Objects shaped like the kinds we model, with odd values mixed in at every level. */
const shapedObject = fc.record(
  {
    apiVersion: fc.constantFrom(...API_VERSIONS),
    kind: fc.constantFrom(
      ...KIND_HINTS.filter((kind) => kind !== undefined && !/^[a-z]/.test(kind)),
    ),
    metadata: fuzzy(
      fc.record(
        {
          name: fuzzy(fc.constantFrom('security.p', 'default', 'p')),
          namespace: fuzzy(fc.constantFrom('production', 'kube-system')),
          labels: fuzzy(
            fc.dictionary(
              fc.constantFrom(
                'threat-feed',
                'rbac.authorization.k8s.io/aggregate-to-edit',
                'tenant',
              ),
              fc.constantFrom('true', 'malicious'),
            ),
          ),
          resourceVersion: fc.string(),
        },
        { requiredKeys: [] },
      ),
    ),
    spec: fuzzy(
      fc.record(
        {
          tier: fuzzy(fc.constantFrom('', 'default', 'security')),
          order: fuzzy(
            fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant('100')),
          ),
          selector,
          namespaceSelector: selector,
          types: fuzzy(fc.array(fc.constantFrom('Ingress', 'Egress', 'egress', 'Up'))),
          ingress: fuzzy(fc.array(fc.oneof(calicoRule, kubernetesRule), { maxLength: 4 })),
          egress: fuzzy(fc.array(fc.oneof(calicoRule, kubernetesRule), { maxLength: 4 })),
          podSelector: labelSelector,
          policyTypes: fuzzy(fc.array(fc.constantFrom('Ingress', 'Egress'))),
          doNotTrack: fuzzy(fc.boolean()),
          stagedAction: fuzzy(fc.constantFrom('Set', 'Delete', 'Learn', 'Ignore', 'Later')),
          defaultAction: fuzzy(fc.constantFrom('Deny', 'Pass', 'Allow')),
          nets: fuzzy(fc.array(fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '198.51.100.0/24'))),
          interfaceName: fuzzy(fc.constantFrom('*', 'eth0')),
          profiles: fuzzy(fc.array(fc.constantFrom('projectcalico-default-allow', 'p'))),
          wireguardEnabled: fuzzy(fc.boolean()),
          failsafeInboundHostPorts: fuzzy(
            fc.array(
              fc.record({
                protocol: fc.constantFrom('tcp', 'udp'),
                port: fc.integer({ min: 0, max: 65535 }),
              }),
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    rules: fuzzy(fc.array(rbacRule, { maxLength: 4 })),
    subjects: fuzzy(
      fc.array(
        fc.record(
          {
            kind: fc.constantFrom('User', 'Group', 'ServiceAccount'),
            name: fc.constantFrom('alice', 'system:authenticated'),
            namespace: fc.constant('ci'),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
    roleRef: fuzzy(
      fc.record({
        kind: fc.constantFrom('ClusterRole', 'Role'),
        name: fc.constantFrom('cluster-admin', 'view'),
        apiGroup: fc.constant('rbac.authorization.k8s.io'),
      }),
    ),
  },
  { requiredKeys: [] },
);

const anyInput = fc.oneof(fc.constant(undefined), fc.jsonValue(), shapedObject);

function isWellFormed(change: { risk: string; summary: string; path?: string }): boolean {
  return (
    change.risk in RISK_RANK &&
    change.summary.length > 0 &&
    (change.path === undefined || change.path === '' || change.path.startsWith('/'))
  );
}

describe('diffObjects properties', () => {
  it('never throws, and returns well-formed changes sorted by risk, on arbitrary input', () => {
    fc.assert(
      fc.property(kindHint, anyInput, anyInput, (kind, before, after) => {
        const changes = diffObjects(kind, before, after);
        const risks = changes.map((change) => RISK_RANK[change.risk]);
        return (
          changes.every(isWellFormed) &&
          risks.every((risk, i) => i === 0 || risk <= (risks[i - 1] as number))
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('finds nothing between a value and itself, or its copy', () => {
    fc.assert(
      fc.property(kindHint, anyInput, (kind, value) => {
        return (
          diffObjects(kind, value, value).length === 0 &&
          diffObjects(kind, value, cloneJson(value)).length === 0
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(kindHint, shapedObject, shapedObject, (kind, before, after) => {
        expect(diffObjects(kind, before, after)).toEqual(
          diffObjects(kind, cloneJson(before), cloneJson(after)),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('reports a change whenever the policy model itself changed', () => {
    const seeds = [defaultDeny, allowDns, backendEgress] as unknown[];
    fc.assert(
      fc.property(fc.constantFrom(...seeds), shapedObject, (seed, other) => {
        const after = edited(
          seed,
          (draft) => (draft.spec = (other as { spec?: unknown }).spec ?? {}),
        );
        const modelChanged = comparableModel(seed) !== comparableModel(after);
        return !modelChanged || diffObjects(undefined, seed, after).length > 0;
      }),
      { numRuns: 1000 },
    );
  });
});

/** The policy model without what is bookkeeping about the reading itself. */
function comparableModel(object: unknown): string {
  const {
    problems: _problems,
    typesExplicit: _explicit,
    tierSource: _source,
    actionsUsed,
    ...model
  } = toPolicyModel(object);
  const rules = [...model.ingress, ...model.egress].map(
    ({ path: _p, position: _n, part: _t, ...rule }) => rule,
  );
  return canonicalText({
    ...model,
    ingress: [],
    egress: [],
    rules,
    actionsUsed: [...actionsUsed].sort(),
  });
}

describe('diffObjects ordering', () => {
  it('sorts high before low, then by path', () => {
    const after = edited(backendEgress, (p) => {
      p.spec.egress[0].destination.nets = ['0.0.0.0/0'];
      p.spec.egress[1].action = 'Deny';
      p.spec.order = 300;
      p.spec.selector = "app == 'api'";
    });
    expect(
      diffObjects(undefined, backendEgress, after).map((change) => [change.risk, change.path]),
    ).toEqual([
      ['high', '/spec/egress/0/destination'],
      ['medium', '/spec/order'],
      ['medium', '/spec/selector'],
      ['low', '/spec/egress/1/action'],
    ]);
  });
});

describe('diffObjects on pathological input', () => {
  const deeplyNested = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);

  it('answers for objects nested deeper than a recursive walk can follow', () => {
    const before = { kind: 'ConfigMap', metadata: { name: 'c' }, data: deeplyNested };
    const after = { kind: 'ConfigMap', metadata: { name: 'c' }, data: [deeplyNested] };
    expect(diffObjects(undefined, before, after)).toEqual([
      expect.objectContaining({ type: 'field-changed', risk: 'medium', path: '' }),
    ]);
  });

  it('reads a selector of 100,000 negations as unparsable', () => {
    const after = edited(defaultDeny, (p) => (p.spec.selector = `${'!'.repeat(100_000)}all()`));
    expect(diffObjects(undefined, defaultDeny, after)[0]?.summary).toMatch(/could not be parsed/);
  });
});
