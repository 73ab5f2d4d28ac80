import { isFullyCovered } from './analyse-default-deny';
import { describeTier } from './describe-policy';
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
  'PL-NET-004',
  'PL-NET-005',
  'PL-NET-008',
  'PL-NET-011',
];

export function assessLateralMovement(context: ThreatContext): ThreatRow {
  const { posture, coverage } = context;
  const denies = coverage.ingress.denyPolicies;
  const findings = problemsFrom(context, RELATED_RULES);
  const status = statusOf(context, findings.length);
  return {
    threat: 'Lateral pod-to-pod movement',
    expectedMitigation: 'Default-deny GlobalNetworkPolicy, tiered policies',
    evidence: [
      ...(denies.length === 0
        ? ['No enforced policy denies ingress by default.']
        : denies.map((policy) => defaultDenySentence(policy, 'Ingress'))),
      ...posture.tiers.map(describeTier),
      ...findingSentences(findings),
    ],
    evidenceRefs: threatEvidence(
      [...denies.map((policy) => policy.source), ...posture.tiers.map((tier) => tier.source)],
      findings,
    ),
    status,
    why: WHY[status],
    recommendation: RECOMMENDATION[status],
  };
}

function statusOf(context: ThreatContext, problems: number): ThreatStatus {
  const { posture, coverage } = context;
  if (posture.policies.length === 0 && unknownEnforcedPolicies(posture).length > 0)
    return 'not-observable';
  const globalAllowAll = context.findings.some(
    (finding) => finding.ruleId === 'PL-NET-004' && finding.severity === 'critical',
  );
  if (!isAnyCoverage(coverage.ingress) || globalAllowAll) return 'not-mitigated';
  return isFullyCovered(coverage.ingress) && problems === 0 ? 'mitigated' : 'partial';
}

function isAnyCoverage(coverage: ThreatContext['coverage']['ingress']): boolean {
  return coverage.covered.length > 0 || coverage.coversNewNamespaces;
}

const WHY: Record<ThreatStatus, string> = {
  mitigated:
    'An enforced ingress default deny covers every non-system namespace, including ones created later, and no finding weakens it (no broad Allow ahead of it, no shadowed deny, no tenant namespace open to the others, no fail-open tier).',
  partial:
    'A default deny exists, but it misses namespaces or directions, or findings show paths around it (see the related findings).',
  'not-mitigated':
    'Nothing denies pod-to-pod ingress by default (or an allow-everything policy is evaluated first): any compromised pod can connect to any other.',
  'not-observable':
    "The ledger does not know the state of the cluster's policies, so default-deny coverage cannot be shown.",
};

const RECOMMENDATION: Record<ThreatStatus, string> = {
  mitigated: 'Keep the default deny global and review new Allow policies against the tier order.',
  partial:
    'Close the gaps named in the related findings: extend the default deny to every non-system namespace and isolate tenant namespaces from each other.',
  'not-mitigated':
    'Allow DNS and system traffic, then apply a GlobalNetworkPolicy default-deny (order 1000, Ingress and Egress) in a tier that ends in Deny; stage it first.',
  'not-observable':
    "Import a snapshot of the cluster's policies (kubectl get ... -o json, then policy-ledger import snapshot) so their state is known.",
};
