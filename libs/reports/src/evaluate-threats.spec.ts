import { describe, expect, it } from 'vitest';
import { evaluateFindings } from './evaluate-findings';
import { evaluateThreats } from './evaluate-threats';
import type { PostureInputs } from './posture-inputs';
import type { CompletenessRow, DeniedAttemptsByActor, ThreatRow } from './report-model';
import {
  allowDns,
  calico,
  defaultDeny,
  edited,
  felixWireguardOff,
  felixWireguardOn,
  globalPolicy,
  namespace,
  neglectedCluster,
  syntheticInputs,
  tracked,
  trackedUnknown,
  wellRunCluster,
  workerHostEndpoint,
} from './testing/synthetic-inventory';

const completeTrail: CompletenessRow[] = [
  {
    cluster: 'synthetic-prod',
    resource: 'globalnetworkpolicies.projectcalico.org',
    complete: true,
    events: 12,
    metadataOnly: 0,
    truncated: 0,
    unknownStates: 0,
    deadLetters: 0,
    notes: [],
  },
];
const partialTrail: CompletenessRow[] = [
  {
    ...completeTrail[0]!,
    complete: false,
    metadataOnly: 4,
    notes: ['4 changes logged at Metadata level: their bodies are not in the trail'],
  },
];

function threats(
  inputs: PostureInputs,
  trailCompleteness: CompletenessRow[] = completeTrail,
  deniedAndFailed: DeniedAttemptsByActor[] = [],
): ThreatRow[] {
  return evaluateThreats({
    ...inputs,
    findings: evaluateFindings(inputs),
    deniedAndFailed,
    trailCompleteness,
  });
}

function threat(rows: readonly ThreatRow[], name: string): ThreatRow {
  const row = rows.find((candidate) => candidate.threat === name);
  if (row === undefined) throw new Error(`no threat row "${name}"`);
  return row;
}

const production = namespace('production', { tenant: 'true' });
const web = namespace('web');
const tenantDeny = globalPolicy('tenant-default-deny', {
  order: 1000,
  namespaceSelector: "tenant == 'true'",
  types: ['Ingress', 'Egress'],
});
const felix = (spec: Record<string, unknown>) => calico('FelixConfiguration', 'default', spec);

describe('evaluateThreats', () => {
  it("lists seed 002's seven threats, in its order, with its mitigations", () => {
    expect(threats(wellRunCluster()).map((row) => [row.threat, row.expectedMitigation])).toEqual([
      ['Lateral pod-to-pod movement', 'Default-deny GlobalNetworkPolicy, tiered policies'],
      ['Unauthorised egress to the internet', 'Egress policies with DNS and CIDR rules'],
      [
        'Pod impersonation / IP spoofing',
        'Felix programs per-endpoint routes and rp-filter on veth interfaces',
      ],
      ['Unencrypted inter-node traffic', 'WireGuard encryption'],
      [
        'Privileged pod network access to hosts',
        'Host endpoint policies restrict pod-to-host traffic',
      ],
      [
        'Supply chain / compromised image',
        'Staged policies (Tigera Enterprise) for preview and dry-run',
      ],
      ['Insider policy tampering', 'RBAC-scoped tier policies, audit logging'],
    ]);
  });

  it.each([
    ['the well-run cluster', wellRunCluster(), 'mitigated'],
    [
      'the neglected cluster (allow-all ahead, no ingress default deny)',
      neglectedCluster(),
      'not-mitigated',
    ],
    [
      'a default deny that misses an unlabelled namespace',
      syntheticInputs([tenantDeny, allowDns, production, web]),
      'partial',
    ],
    [
      'only policies of unknown state',
      syntheticInputs([
        production,
        trackedUnknown('GlobalNetworkPolicy', 'projectcalico.org', 'default-deny'),
      ]),
      'not-observable',
    ],
  ])('lateral movement: %s is %s', (_name, inputs, expected) => {
    expect(threat(threats(inputs), 'Lateral pod-to-pod movement').status).toBe(expected);
  });

  it('states the default deny as evidence, with order, selector, types, since and version', () => {
    const row = threat(threats(wellRunCluster()), 'Lateral pod-to-pod movement');
    expect(row.evidence[0]).toMatch(
      /^GlobalNetworkPolicy default-deny, order 1000, selector projectcalico\.org\/namespace not in \{.*\}, Ingress\+Egress, since 2026-03-02, version 3: /,
    );
    expect(row.evidenceRefs.objects?.map((object) => object.name)).toContain('default-deny');
  });

  it.each([
    ['the well-run cluster', wellRunCluster(), 'mitigated'],
    [
      'no egress default deny',
      syntheticInputs([
        globalPolicy('deny-in', { selector: 'all()', types: ['Ingress'] }),
        production,
      ]),
      'not-mitigated',
    ],
    [
      'a default deny behind an allow to any destination',
      syntheticInputs([
        allowDns,
        defaultDeny,
        globalPolicy('allow-out', {
          order: 300,
          selector: 'all()',
          types: ['Egress'],
          egress: [{ action: 'Allow' }],
        }),
        production,
      ]),
      'partial',
    ],
    [
      'only policies of unknown state',
      syntheticInputs([trackedUnknown('GlobalNetworkPolicy', 'projectcalico.org', 'default-deny')]),
      'not-observable',
    ],
  ])('internet egress: %s is %s', (_name, inputs, expected) => {
    expect(threat(threats(inputs), 'Unauthorised egress to the internet').status).toBe(expected);
  });

  it.each([
    ['FelixConfiguration without workloadSourceSpoofing', [felix({})], 'not-observable'],
    ['workloadSourceSpoofing: Any', [felix({ workloadSourceSpoofing: 'Any' })], 'not-mitigated'],
    ['no FelixConfiguration', [], 'not-observable'],
  ])('IP spoofing: %s is %s', (_name, objects, expected) => {
    const row = threat(threats(syntheticInputs(objects)), 'Pod impersonation / IP spoofing');
    expect(row.status).toBe(expected);
    expect(row.why.length).toBeGreaterThan(40);
  });

  it.each([
    ['WireGuard on', [felixWireguardOn], 'mitigated'],
    ['WireGuard off', [felixWireguardOff], 'not-mitigated'],
    [
      'on, but off on one node',
      [
        felixWireguardOn,
        calico('FelixConfiguration', 'node.worker-2', { wireguardEnabled: false }),
      ],
      'partial',
    ],
    ['no FelixConfiguration: absent is not evidence of off', [], 'not-observable'],
    [
      'FelixConfiguration of unknown state',
      [trackedUnknown('FelixConfiguration', 'projectcalico.org', 'default')],
      'not-observable',
    ],
  ])('unencrypted traffic: %s is %s', (_name, objects, expected) => {
    expect(threat(threats(syntheticInputs(objects)), 'Unencrypted inter-node traffic').status).toBe(
      expected,
    );
  });

  it.each([
    [
      'every host endpoint under policy, Felix drops pod-to-host',
      [felix({}), workerHostEndpoint, defaultDeny],
      'mitigated',
    ],
    [
      'Felix accepts pod-to-host traffic',
      [felix({ defaultEndpointToHostAction: 'Accept' }), workerHostEndpoint, defaultDeny],
      'not-mitigated',
    ],
    ['no host endpoints, Felix drops pod-to-host', [felix({})], 'partial'],
    [
      'no host endpoints, Felix returns to host rules',
      [felix({ defaultEndpointToHostAction: 'Return' })],
      'not-mitigated',
    ],
    ['a host endpoint without policy', [felix({}), workerHostEndpoint], 'partial'],
    ['neither tracked', [], 'not-observable'],
  ])('host access: %s is %s', (_name, objects, expected) => {
    expect(
      threat(threats(syntheticInputs(objects)), 'Privileged pod network access to hosts').status,
    ).toBe(expected);
  });

  it.each([
    [
      'staged policies exist',
      [
        calico(
          'StagedNetworkPolicy',
          'backend-egress',
          { selector: "app == 'backend'", types: ['Egress'] },
          'production',
        ),
      ],
      'partial',
    ],
    ['no staged policy', [defaultDeny], 'not-observable'],
  ])('supply chain: %s is %s at best', (_name, objects, expected) => {
    expect(
      threat(threats(syntheticInputs(objects)), 'Supply chain / compromised image').status,
    ).toBe(expected);
  });

  it.each([
    ['tier RBAC scoped, trail complete', wellRunCluster(), completeTrail, 'mitigated'],
    ['tier RBAC scoped, trail partial', wellRunCluster(), partialTrail, 'partial'],
    ['tier RBAC scoped, no trail statement', wellRunCluster(), [], 'partial'],
    ['every authenticated user can edit', neglectedCluster(), completeTrail, 'not-mitigated'],
    ['nothing about RBAC or the trail', syntheticInputs([defaultDeny]), [], 'not-observable'],
  ])('insider tampering: %s is %s', (_name, inputs, trail, expected) => {
    expect(threat(threats(inputs, trail), 'Insider policy tampering').status).toBe(expected);
  });

  it('brings denied attempts into the insider evidence, recommendation and audit IDs', () => {
    const attempts: DeniedAttemptsByActor[] = [
      {
        cluster: 'synthetic-prod',
        actor: 'mallory@example.com',
        denied: 3,
        failed: 1,
        targets: ['tiers.projectcalico.org security'],
        auditIds: ['audit-denied-1', 'audit-denied-2'],
      },
      {
        cluster: 'synthetic-staging',
        actor: 'someone-else',
        denied: 9,
        failed: 0,
        targets: [],
        auditIds: ['audit-other'],
      },
    ];
    const row = threat(
      threats(wellRunCluster(), completeTrail, attempts),
      'Insider policy tampering',
    );
    expect(row.evidence).toContain(
      'mallory@example.com: 3 denied attempts and 1 failed attempt on tiers.projectcalico.org security',
    );
    expect(row.recommendation).toContain(
      'Review the 1 actor with denied or failed attempts (mallory@example.com)',
    );
    expect(row.evidenceRefs.auditIds).toEqual(
      expect.arrayContaining(['audit-denied-1', 'audit-denied-2']),
    );
    expect(row.evidenceRefs.auditIds).not.toContain('audit-other');
  });

  it('names the related findings in the evidence of a partial threat', () => {
    const row = threat(
      threats(syntheticInputs([tenantDeny, allowDns, production, web])),
      'Lateral pod-to-pod movement',
    );
    expect(
      row.evidence.some((sentence) => sentence.startsWith('Finding PL-NET-002-1 (medium):')),
    ).toBe(true);
    expect(row.evidenceRefs.note).toContain('PL-NET-002-1');
  });

  it("ignores another cluster's objects", () => {
    const inputs = syntheticInputs([tracked(felixWireguardOn, { cluster: 'synthetic-staging' })]);
    expect(threat(threats(inputs), 'Unencrypted inter-node traffic').status).toBe('not-observable');
  });

  it('is partial when only some host endpoints are under policy', () => {
    const second = edited(workerHostEndpoint, (draft) => {
      draft.metadata.name = 'worker-2-eth0';
      draft.metadata.labels = { role: 'db' };
    });
    const row = threat(
      threats(
        syntheticInputs([
          felix({}),
          workerHostEndpoint,
          second,
          globalPolicy('workers', { selector: "role == 'worker'", types: ['Ingress'] }),
        ]),
      ),
      'Privileged pod network access to hosts',
    );
    expect(row.status).toBe('partial');
    expect(row.evidence).toContain(
      'HostEndpoint worker-2-eth0 (node worker-1, interface eth0), selected by no enforced policy, since 2026-03-02, version 3',
    );
  });
});
