import { isThreatFeedSet, type PolicyModel, selectorMatches } from '@policy-ledger/policy';
import { isFullyCovered } from './analyse-default-deny';
import { describePolicy } from './describe-policy';
import { parseSelectorCached } from './parse-selector-cached';
import type { Known } from './read-posture';
import type { ThreatRow } from './report-model';
import {
  defaultDenySentence,
  findingSentences,
  problemsFrom,
  type ThreatContext,
  type ThreatStatus,
  threatEvidence,
} from './threat-context';
import { unknownEnforcedPolicies } from './unknown-policies';

const RELATED_RULES = [
  'PL-NET-001',
  'PL-NET-002',
  'PL-NET-003',
  'PL-NET-004',
  'PL-NET-007',
  'PL-NET-009',
];

export function assessInternetEgress(context: ThreatContext): ThreatRow {
  const { posture, coverage } = context;
  const denies = coverage.egress.denyPolicies;
  const scoped = posture.policies.filter(({ model }) => model.enforced && hasScopedEgress(model));
  const blocking = posture.policies.filter(
    ({ model }) => model.enforced && blocksThreatFeed(context, model),
  );
  const findings = problemsFrom(context, RELATED_RULES);
  const status = statusOf(context, findings.length);
  const policies: Known<PolicyModel>[] = [...denies, ...scoped, ...blocking];
  return {
    threat: 'Unauthorised egress to the internet',
    expectedMitigation: 'Egress policies with DNS and CIDR rules',
    evidence: [
      ...(denies.length === 0
        ? ['No enforced policy denies egress by default.']
        : denies.map((policy) => defaultDenySentence(policy, 'Egress'))),
      ...scoped.map(
        (policy) => `${describePolicy(policy)} (egress allowed to named domains or CIDRs)`,
      ),
      ...blocking.map(
        (policy) => `${describePolicy(policy)} (denies traffic to a threat-feed set)`,
      ),
      ...findingSentences(findings),
    ],
    evidenceRefs: threatEvidence([...new Set(policies.map((policy) => policy.source))], findings),
    status,
    why: WHY[status],
    recommendation: RECOMMENDATION[status],
  };
}

function statusOf(context: ThreatContext, problems: number): ThreatStatus {
  const { posture, coverage } = context;
  if (posture.policies.length === 0 && unknownEnforcedPolicies(posture).length > 0)
    return 'not-observable';
  if (coverage.egress.covered.length === 0 && !coverage.egress.coversNewNamespaces)
    return 'not-mitigated';
  return isFullyCovered(coverage.egress) && problems === 0 ? 'mitigated' : 'partial';
}

function hasScopedEgress(policy: PolicyModel): boolean {
  return policy.egress.some(
    (rule) =>
      rule.action === 'Allow' &&
      (rule.destination.domains.length > 0 || rule.destination.nets.length > 0),
  );
}

function blocksThreatFeed(context: ThreatContext, policy: PolicyModel): boolean {
  const feeds = context.posture.networkSets.filter((set) => isThreatFeedSet(set.model));
  return policy.egress.some((rule) => {
    if (rule.action !== 'Deny' || rule.destination.selector === undefined) return false;
    const parsed = parseSelectorCached(rule.destination.selector);
    return parsed.ok && feeds.some((feed) => selectorMatches(parsed.ast, feed.model.labels));
  });
}

const WHY: Record<ThreatStatus, string> = {
  mitigated:
    'Egress is denied by default in every non-system namespace, and no enforced rule allows egress to any address: pods reach only the destinations their policies name.',
  partial:
    'Egress control exists but has gaps: namespaces without an egress default deny, or rules allowing any destination (see the related findings).',
  'not-mitigated':
    'No policy denies egress by default: a compromised pod can reach any address on the internet, for exfiltration or command and control.',
  'not-observable':
    "The ledger does not know the state of the cluster's policies, so egress control cannot be shown.",
};

const RECOMMENDATION: Record<ThreatStatus, string> = {
  mitigated:
    'Keep egress allow-lists to domains and CIDRs, and keep threat-feed sets ahead of them.',
  partial:
    'Extend the egress default deny to every namespace and replace allow-any-destination rules with domains or CIDRs.',
  'not-mitigated':
    'Allow DNS first, then add an egress default deny and per-workload egress policies listing the domains or CIDRs each needs.',
  'not-observable': "Import a snapshot of the cluster's policies so their state is known.",
};
