import {
  type DnsAllowance,
  entityMatchesEverything,
  type PolicyModel,
  policyAllowsKubeDns,
  portsCover,
  type RuleModel,
} from '@policy-ledger/policy';
import { analyseDefaultDeny } from './analyse-default-deny';
import { describePolicy, listText, policyRef } from './describe-policy';
import { compareTiers, evaluationIndex } from './evaluation-order';
import { evidenceOf } from './evidence-of';
import { ALLOW_DNS_YAML } from './fix-snippets';
import { notAssessableNote } from './not-assessable-note';
import { policiesForNamespace } from './policies-for-namespace';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import { isSystemNamespace, type Known, type Posture } from './read-posture';
import { REFERENCES } from './references';
import {
  type NamespaceRef,
  NEW_NAMESPACE_PROBE,
  selectsWholeNamespace,
} from './selects-whole-namespace';
import { unknownEnforcedPolicies } from './unknown-policies';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-003',
  title: 'Default deny without DNS allowed first',
  severity: 'high',
  trigger:
    'A tier denies egress by default for some namespaces, and no policy reached before that deny (an earlier tier, or earlier in the tier than a Deny rule that matches DNS) allows egress to kube-dns on port 53 over UDP and TCP (medium when only one transport is allowed).',
  references: [REFERENCES.allowDnsFirst, REFERENCES.evaluationOrder],
};

const DNS_PORT = [{ kind: 'range' as const, from: 53, to: 53 }];

/**
 * A default deny acts at the end of its tier: whatever no policy of the tier acted on is denied.
 * So a DNS allow anywhere in the tier is in time, unless a Deny rule that matches DNS comes first.
 */
export const dnsBeforeDefaultDenyRule = definePostureRule(META, (posture) => {
  const denies = analyseDefaultDeny(posture).egress.denyPolicies;
  const tiers = [...new Set(denies.map((deny) => deny.model.tier))];
  return tiers.flatMap((tier) =>
    draftsFor(
      posture,
      denies.filter((deny) => deny.model.tier === tier),
    ),
  );
});

function draftsFor(posture: Posture, denies: readonly Known<PolicyModel>[]): FindingDraft[] {
  const lacking = namespacesCoveredBy(posture, denies).flatMap((namespace) => {
    const allowance = dnsAllowedBefore(posture, denies, namespace);
    return allowance.udp && allowance.tcp ? [] : [{ namespace, allowance }];
  });
  if (lacking.length === 0) return [];
  const names = denies.map((deny) => policyRef(deny.model));
  const unknown = unknownEnforcedPolicies(
    posture,
    lacking.map((entry) => entry.namespace.name),
  );
  if (unknown.length > 0)
    return [notAssessableNote(META, unknown, `whether DNS is allowed before ${listText(names)}`)];
  const none = lacking.every((entry) => !entry.allowance.udp && !entry.allowance.tcp);
  const where = listText(lacking.map((entry) => displayName(entry.namespace)));
  const tier = denies[0]?.model.tier ?? 'default';
  const subject = `${listText(names)} ${names.length === 1 ? 'puts' : 'put'} egress under tier ${tier}'s default deny`;
  return [
    {
      severity: none ? 'high' : 'medium',
      description: none
        ? `${subject}, but nothing reached before that deny allows DNS to kube-dns (port 53) for ${where}: pods there cannot resolve names, which invites a hurried allow-all.`
        : `${subject}, and before that deny DNS to kube-dns is allowed over one transport only for ${where}: answers too large for UDP, or clients using UDP, fail.`,
      evidence: evidenceOf(
        denies.map((deny) => deny.source),
        `${denies.map(describePolicy).join('; ')}. Searched every enforced egress policy selecting all pods of those namespaces, in an earlier tier or ahead of any Deny rule matching DNS, for an Allow to k8s-app == 'kube-dns' in kube-system on UDP and TCP 53.`,
      ),
      fix: `Allow DNS before the default deny (a lower order in the same tier, or an earlier tier):\n${ALLOW_DNS_YAML}`,
    },
  ];
}

function namespacesCoveredBy(
  posture: Posture,
  denies: readonly Known<PolicyModel>[],
): NamespaceRef[] {
  const covered = (ref: NamespaceRef) =>
    denies.some((deny) => selectsWholeNamespace(deny.model, ref));
  const existing = posture.namespaceEntries
    .map((entry) => entry.ref)
    .filter((ref) => !isSystemNamespace(posture, ref.name) && covered(ref));
  return covered(NEW_NAMESPACE_PROBE) ? [...existing, NEW_NAMESPACE_PROBE] : existing;
}

function dnsAllowedBefore(
  posture: Posture,
  denies: readonly Known<PolicyModel>[],
  namespace: NamespaceRef,
): DnsAllowance {
  const tier = denies[0]?.model.tier ?? 'default';
  const firstDnsDeny = Math.min(
    ...denies
      .filter(
        (deny) =>
          deny.model.egress.some(mayDenyDns) && selectsWholeNamespace(deny.model, namespace),
      )
      .map((deny) => evaluationIndex(posture, deny.model)),
  );
  return policiesForNamespace(posture, namespace.name)
    .filter(({ model }) => model.enforced && model.types.includes('Egress'))
    .filter(({ model }) => model.actionsUsed.has('Allow'))
    .filter(({ model }) => {
      const order = compareTiers(posture, model.tier, tier);
      return order < 0 || (order === 0 && evaluationIndex(posture, model) < firstDnsDeny);
    })
    .filter(({ model }) => selectsWholeNamespace(model, namespace))
    .reduce<DnsAllowance>(
      (found, { model }) => {
        const allowance = policyAllowsKubeDns(model);
        return { udp: found.udp || allowance.udp, tcp: found.tcp || allowance.tcp };
      },
      { udp: false, tcp: false },
    );
}

/** A Deny that can match a DNS query: any destination, on a protocol and port that include DNS. */
function mayDenyDns(rule: RuleModel): boolean {
  return (
    rule.action === 'Deny' &&
    (rule.protocol === undefined || rule.protocol === 'UDP' || rule.protocol === 'TCP') &&
    entityMatchesEverything(rule.destination) &&
    (rule.destination.ports.length === 0 || portsCover(rule.destination.ports, DNS_PORT))
  );
}

function displayName(namespace: NamespaceRef): string {
  return namespace === NEW_NAMESPACE_PROBE ? 'any namespace created later' : namespace.name;
}
