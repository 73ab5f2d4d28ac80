import { type Evidence, type Finding, SEVERITIES } from '../report-model';
import { formatCount, formatList } from './format-report-values';

/** Findings most severe first, then by id: the order every table and the appendix use. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (finding: Finding) => SEVERITIES.indexOf(finding.severity);
  return [...findings].sort((a, b) => rank(a) - rank(b) || compareText(a.id, b.id));
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The objects an evidence record names, one line each: "prod globalnetworkpolicies.projectcalico.org default-deny v4". */
export function describeObjects(evidence: Evidence): string[] {
  return (evidence.objects ?? []).map((object) => {
    const name =
      object.namespace === undefined ? object.name : `${object.namespace}/${object.name}`;
    const version = object.version === undefined ? '' : ` v${object.version}`;
    return `${object.cluster} ${object.resource} ${name}${version}`;
  });
}

/** "3 audit events, 5 ledger positions": how much raw evidence the appendix lists. */
export function countEvidence(evidence: Evidence): string {
  const audits = evidence.auditIds?.length ?? 0;
  const positions = evidence.positions?.length ?? 0;
  if (audits === 0 && positions === 0) return 'No audit events referenced.';
  return `${pluralise(audits, 'audit event')}, ${pluralise(positions, 'ledger position')}`;
}

export function listPositions(positions: readonly number[] | undefined): string {
  return formatList((positions ?? []).map(formatCount));
}

export function pluralise(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
