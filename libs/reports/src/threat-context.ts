import type { Direction, PolicyModel } from '@policy-ledger/policy';
import { analyseDefaultDeny, type DefaultDenyCoverage } from './analyse-default-deny';
import { describePolicy } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { type Known, type Posture, readPosture } from './read-posture';
import type {
  CompletenessRow,
  DeniedAttemptsByActor,
  Evidence,
  Finding,
  InventoryObject,
  ThreatRow,
} from './report-model';
import type { ThreatInputs } from './threat-inputs';

/** What every threat assessment reads: the posture, its default-deny coverage, and the period's facts. */
export interface ThreatContext {
  posture: Posture;
  coverage: DefaultDenyCoverage;
  findings: Finding[];
  deniedAndFailed: DeniedAttemptsByActor[];
  trailCompleteness: CompletenessRow[];
}

export function threatContextOf(inputs: ThreatInputs): ThreatContext {
  const posture = readPosture(inputs);
  return {
    posture,
    coverage: analyseDefaultDeny(posture),
    findings: inputs.findings.filter((finding) => finding.cluster === inputs.cluster),
    deniedAndFailed: inputs.deniedAndFailed.filter((row) => row.cluster === inputs.cluster),
    trailCompleteness: inputs.trailCompleteness.filter((row) => row.cluster === inputs.cluster),
  };
}

/** Findings of these rules that state a problem (info-level notes do not). */
export function problemsFrom(context: ThreatContext, ruleIds: readonly string[]): Finding[] {
  return context.findings.filter(
    (finding) => ruleIds.includes(finding.ruleId) && finding.severity !== 'info',
  );
}

export function findingSentences(findings: readonly Finding[]): string[] {
  return findings.map(
    (finding) => `Finding ${finding.id} (${finding.severity}): ${finding.description}`,
  );
}

/** The objects behind the sentences, the related findings named in the note. */
export function threatEvidence(
  sources: readonly InventoryObject[],
  findings: readonly Finding[],
  extraAuditIds: readonly string[] = [],
): Evidence {
  const base = evidenceOf(
    sources,
    findings.length === 0
      ? undefined
      : `Related findings: ${findings.map((finding) => finding.id).join(', ')}.`,
  );
  const auditIds = [
    ...new Set([
      ...(base.auditIds ?? []),
      ...findings.flatMap((finding) => finding.evidence.auditIds ?? []),
      ...extraAuditIds,
    ]),
  ];
  return { ...base, ...(auditIds.length === 0 ? {} : { auditIds }) };
}

export type ThreatStatus = ThreatRow['status'];

/** A policy that denies a direction by default, said the way Calico applies it: at the tier's end. */
export function defaultDenySentence(policy: Known<PolicyModel>, direction: Direction): string {
  const lower = direction.toLowerCase();
  return `${describePolicy(policy)}: no ${lower} Allow, so ${lower} traffic nothing else allows ends in tier ${policy.model.tier}'s Deny`;
}
