import { type HostEndpointModel, type PolicyModel, selectorMatches } from '@policy-ledger/policy';
import { listText, sinceAndVersion } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { notAssessableNote } from './not-assessable-note';
import { parseSelectorCached } from './parse-selector-cached';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import { isGlobalPolicy, type Known } from './read-posture';
import { REFERENCES } from './references';
import { unknownEnforcedPolicies } from './unknown-policies';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-012',
  title: 'Host endpoint without policy',
  severity: 'medium',
  trigger:
    'A HostEndpoint is selected by no enforced GlobalNetworkPolicy (only global policies without a namespaceSelector reach host endpoints).',
  references: [REFERENCES.hostEndpoints, REFERENCES.postureBeyondPolicy],
};

const DEFAULT_ALLOW_PROFILE = 'projectcalico-default-allow';

export const unprotectedHostEndpointRule = definePostureRule(META, (posture) => {
  const global = posture.policies
    .map(({ model }) => model)
    .filter((model) => model.enforced && isGlobalPolicy(model));
  const unprotected = posture.hostEndpoints.filter(
    (endpoint) => !global.some((policy) => selectsHostEndpoint(policy, endpoint.model)),
  );
  if (unprotected.length === 0) return [];
  const unknown = unknownEnforcedPolicies(posture).filter((item) => item.namespace === undefined);
  if (unknown.length > 0)
    return [
      notAssessableNote(
        META,
        unknown,
        `whether a policy selects ${listText(unprotected.map((endpoint) => endpoint.model.name))}`,
      ),
    ];
  return unprotected.map(draftFor);
});

export function selectsHostEndpoint(policy: PolicyModel, endpoint: HostEndpointModel): boolean {
  if (policy.namespaceSelector !== undefined) return false;
  const parsed = parseSelectorCached(policy.selector);
  return parsed.ok && selectorMatches(parsed.ast, endpoint.labels);
}

function draftFor(endpoint: Known<HostEndpointModel>): FindingDraft {
  const { model } = endpoint;
  const defaultAllow = model.profiles.includes(DEFAULT_ALLOW_PROFILE);
  const where = `node ${model.node ?? 'unknown'}, ${model.allInterfaces ? 'all interfaces' : `interface ${model.interfaceName ?? 'unnamed'}`}`;
  const labels = Object.entries(model.labels);
  const selector =
    labels.length === 0 ? `has(host-endpoint)` : `${labels[0]?.[0]} == '${labels[0]?.[1]}'`;
  return {
    severity: defaultAllow ? 'high' : 'medium',
    description: `HostEndpoint ${model.name} (${where}) is selected by no enforced GlobalNetworkPolicy: ${defaultAllow ? `its profile ${DEFAULT_ALLOW_PROFILE} allows all of the host's traffic` : `only its profiles (${model.profiles.join(', ') || 'none'}) and Felix's failsafe ports decide the host's traffic, with no policy an auditor can review`}.`,
    evidence: evidenceOf(
      [endpoint.source],
      `HostEndpoint ${model.name}, labels ${labels.map(([key, value]) => `${key}=${value}`).join(', ') || 'none'}, ${sinceAndVersion(endpoint.source)}. Searched every enforced GlobalNetworkPolicy without a namespaceSelector for a selector matching those labels.`,
    ),
    fix: `Select the host with a GlobalNetworkPolicy (e.g. selector: ${selector}, types: [Ingress, Egress], with the ports the host serves allowed; add applyOnForward or preDNAT where needed), and test it as a StagedGlobalNetworkPolicy first so failsafe access is kept.`,
  };
}
