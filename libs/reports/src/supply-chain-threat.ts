import { describePolicy } from './describe-policy';
import type { ThreatRow } from './report-model';
import {
  findingSentences,
  problemsFrom,
  type ThreatContext,
  type ThreatStatus,
  threatEvidence,
} from './threat-context';

/**
 * A compromised image is outside what audit events show; staged policies (previews before
 * enforcement) are the only signal, so the best this can be is partial.
 */
export function assessSupplyChain(context: ThreatContext): ThreatRow {
  const staged = context.posture.policies.filter(({ model }) => model.staged);
  const findings = problemsFrom(context, ['PL-NET-010']);
  const status: ThreatStatus = staged.length > 0 ? 'partial' : 'not-observable';
  return {
    threat: 'Supply chain / compromised image',
    expectedMitigation: 'Staged policies (Tigera Enterprise) for preview and dry-run',
    evidence: [
      ...(staged.length === 0
        ? ['No staged policy exists at the period end.']
        : staged.map((policy) => describePolicy(policy))),
      ...findingSentences(findings),
    ],
    evidenceRefs: threatEvidence(
      staged.map((policy) => policy.source),
      findings,
    ),
    status,
    why:
      status === 'partial'
        ? `Staged policies show that policy changes are previewed before enforcement${findings.length > 0 ? ', though some have been left unenforced' : ''}; whether images are trustworthy is not observable from audit events.`
        : 'No staged policy exists at the period end: previews may have been promoted already or run in another cluster, and image provenance is not observable from audit events.',
    recommendation:
      "Preview each new workload's policies as staged policies, then enforce them with an egress default deny to limit what a compromised image can reach; verify images (signatures, SBOMs, admission control) outside this ledger.",
  };
}
