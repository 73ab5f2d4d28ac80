import type { EndpointToHostAction, HostEndpointModel } from '@policy-ledger/policy';
import { listText, policyRef, sinceAndVersion } from './describe-policy';
import { felixDefaultOf } from './felix-default';
import { isGlobalPolicy, type Known } from './read-posture';
import type { ThreatRow } from './report-model';
import {
  findingSentences,
  problemsFrom,
  type ThreatContext,
  type ThreatStatus,
  threatEvidence,
} from './threat-context';
import { selectsHostEndpoint } from './unprotected-host-endpoint-rule';

export function assessHostAccess(context: ThreatContext): ThreatRow {
  const { posture } = context;
  const felix = felixDefaultOf(posture);
  const action =
    felix.state === 'known' ? felix.felix.model.defaultEndpointToHostAction : undefined;
  const global = posture.policies.filter(({ model }) => model.enforced && isGlobalPolicy(model));
  const endpoints = posture.hostEndpoints.map((endpoint) => ({
    endpoint,
    policies: global.filter(({ model }) => selectsHostEndpoint(model, endpoint.model)),
  }));
  const unprotected = endpoints.filter((entry) => entry.policies.length === 0);
  const findings = problemsFrom(context, ['PL-NET-012']);
  const status = statusOf(action, endpoints.length, unprotected.length);
  return {
    threat: 'Privileged pod network access to hosts',
    expectedMitigation: 'Host endpoint policies restrict pod-to-host traffic',
    evidence: [
      felix.state === 'known'
        ? `FelixConfiguration default, defaultEndpointToHostAction ${action}, ${sinceAndVersion(felix.felix.source)}`
        : 'FelixConfiguration default is not tracked (or its state is unknown): defaultEndpointToHostAction is not known.',
      ...(endpoints.length === 0
        ? ['No HostEndpoint is tracked: host interfaces are not under Calico policy.']
        : endpoints.map(({ endpoint, policies }) =>
            describeEndpoint(
              endpoint,
              policies.map((known) => policyRef(known.model)),
            ),
          )),
      ...findingSentences(findings),
    ],
    evidenceRefs: threatEvidence(
      [
        ...(felix.state === 'known' ? [felix.felix.source] : []),
        ...endpoints.flatMap(({ endpoint, policies }) => [
          endpoint.source,
          ...policies.map((known) => known.source),
        ]),
      ],
      findings,
    ),
    status,
    why: WHY[status],
    recommendation: RECOMMENDATION[status],
  };
}

function describeEndpoint(endpoint: Known<HostEndpointModel>, policies: readonly string[]): string {
  const { model } = endpoint;
  return `HostEndpoint ${model.name} (node ${model.node ?? 'unknown'}, ${model.allInterfaces ? 'all interfaces' : `interface ${model.interfaceName ?? 'unnamed'}`}), ${policies.length === 0 ? 'selected by no enforced policy' : `selected by ${listText(policies)}`}, ${sinceAndVersion(endpoint.source)}`;
}

/**
 * Drop (Felix's default) stops pod-to-host traffic but not host-networked pods; Return hands it
 * to host endpoint policy; Accept lets it through. Host endpoint policy is the seed's mitigation.
 */
function statusOf(
  action: EndpointToHostAction | undefined,
  endpoints: number,
  unprotected: number,
): ThreatStatus {
  if (action === 'Accept') return 'not-mitigated';
  if (endpoints === 0) {
    if (action === undefined) return 'not-observable';
    return action === 'Drop' ? 'partial' : 'not-mitigated';
  }
  return unprotected === 0 && action !== undefined ? 'mitigated' : 'partial';
}

const WHY: Record<ThreatStatus, string> = {
  mitigated:
    'Every tracked host endpoint is selected by an enforced GlobalNetworkPolicy, and Felix does not accept workload-to-host traffic by default.',
  partial:
    "Some protection is in place, but host endpoints lack policy, or no host endpoints exist and only Felix's Drop default stops pods (not host-networked ones) reaching the host, or the Felix setting is not observable.",
  'not-mitigated':
    'Felix accepts workload-to-host traffic (defaultEndpointToHostAction Accept), or returns it to host rules with no host endpoint policy to apply.',
  'not-observable':
    'Neither host endpoints nor FelixConfiguration are tracked, so host protection cannot be shown from the trail.',
};

const RECOMMENDATION: Record<ThreatStatus, string> = {
  mitigated:
    'Keep host endpoint policies under tier RBAC and review changes to them and to FelixConfiguration.',
  partial:
    'Create HostEndpoints for node interfaces and select each with a GlobalNetworkPolicy (staged first, keeping failsafe ports); keep defaultEndpointToHostAction Drop or Return.',
  'not-mitigated':
    'Set defaultEndpointToHostAction to Drop, or to Return with host endpoint policies selecting every node interface.',
  'not-observable':
    'Audit and import FelixConfiguration and HostEndpoints (kubectl get felixconfigurations,hostendpoints -o json, then policy-ledger import snapshot).',
};
