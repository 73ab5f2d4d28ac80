import { boundRoles } from './bound-roles';
import { listText, plural } from './describe-policy';
import { describeSubject } from './describe-subject';
import { grantsPolicyWrite } from './rbac-rule-predicates';
import type { CompletenessRow, DeniedAttemptsByActor, ThreatRow, TierAccess } from './report-model';
import {
  findingSentences,
  problemsFrom,
  type ThreatContext,
  type ThreatStatus,
  threatEvidence,
} from './threat-context';

const RBAC_RULES = ['PL-RBAC-001', 'PL-RBAC-002', 'PL-RBAC-003', 'PL-RBAC-004', 'PL-RBAC-005'];

export function assessInsiderTampering(context: ThreatContext): ThreatRow {
  const { posture, deniedAndFailed, trailCompleteness } = context;
  const findings = problemsFrom(context, RBAC_RULES);
  const status = statusOf(context, findings.length);
  return {
    threat: 'Insider policy tampering',
    expectedMitigation: 'RBAC-scoped tier policies, audit logging',
    evidence: [
      ...(posture.tierAccess.length === 0
        ? ['No tier-access analysis was supplied for this cluster.']
        : posture.tierAccess.map(describeAccess)),
      describeTrail(trailCompleteness),
      ...deniedAndFailed.map(describeAttempts),
      ...findingSentences(findings),
    ],
    evidenceRefs: threatEvidence(
      boundRoles(posture, grantsPolicyWrite).flatMap((grant) => [
        grant.role.source,
        ...grant.bindings.map((entry) => entry.binding.source),
      ]),
      findings,
      deniedAndFailed.flatMap((row) => row.auditIds),
    ),
    status,
    why: whyOf(status, context),
    recommendation: recommendationOf(status, deniedAndFailed),
  };
}

function statusOf(context: ThreatContext, problems: number): ThreatStatus {
  const { posture, trailCompleteness, findings } = context;
  if (
    posture.tierAccess.length === 0 &&
    posture.bindings.length === 0 &&
    trailCompleteness.length === 0
  )
    return 'not-observable';
  const broad = findings.some(
    (finding) => finding.ruleId === 'PL-RBAC-003' && finding.severity !== 'info',
  );
  if (broad) return 'not-mitigated';
  const trailComplete =
    trailCompleteness.length > 0 && trailCompleteness.every((row) => row.complete);
  return posture.tierAccess.length > 0 && problems === 0 && trailComplete ? 'mitigated' : 'partial';
}

function describeAccess(access: TierAccess): string {
  const editors = [...access.policyEditors, ...access.tierModifiers].map((entry) =>
    describeSubject(entry.subject),
  );
  const unique = [...new Set(editors)];
  const parts = [
    `Tier ${access.tier}: ${unique.length === 0 ? 'no direct editors' : `edited by ${listText(unique)}`}`,
    ...(access.indirect.length === 0
      ? []
      : [
          `${plural(access.indirect.length, 'indirect path')} (${listText([...new Set(access.indirect.map((path) => path.path))])})`,
        ]),
    ...(access.gained.length === 0
      ? []
      : [`gained in the period: ${listText(access.gained.map(describeSubject))}`]),
    ...(access.outsideOwners === undefined || access.outsideOwners.length === 0
      ? []
      : [
          `editors outside the tier's owners: ${listText(access.outsideOwners.map(describeSubject))}`,
        ]),
  ];
  return parts.join('; ');
}

function describeTrail(rows: readonly CompletenessRow[]): string {
  if (rows.length === 0)
    return 'No trail-completeness statement for this cluster: audit logging of policy changes is not evidenced.';
  const partial = rows.filter((row) => !row.complete);
  if (partial.length === 0)
    return `Audit trail complete for all ${plural(rows.length, 'tracked resource')} in the period.`;
  return `Audit trail partial for ${listText(partial.map((row) => `${row.resource} (${row.notes[0] ?? 'gaps'})`))}; complete for ${rows.length - partial.length} of ${rows.length} resources.`;
}

function describeAttempts(row: DeniedAttemptsByActor): string {
  return `${row.actor}: ${plural(row.denied, 'denied attempt')} and ${plural(row.failed, 'failed attempt')} on ${listText(row.targets)}`;
}

function whyOf(status: ThreatStatus, context: ThreatContext): string {
  switch (status) {
    case 'mitigated':
      return 'Tier edits are limited by RBAC with no broad, wildcard or indirect grants, and the audit trail is complete for every tracked resource, so a change would be both hard to make and attributable.';
    case 'partial':
      return 'Tier RBAC exists, but wide or indirect grants, direct CRD writes, or gaps in the audit trail leave room for changes that are unauthorised or hard to attribute (see the evidence).';
    case 'not-mitigated':
      return 'A group standing for every user or service account can edit network policy: tier RBAC does not restrict who may tamper.';
    case 'not-observable':
      return `No RBAC objects, tier-access analysis or trail statement exist for cluster ${context.posture.cluster}, so who can tamper with policy cannot be shown.`;
    default: {
      const unhandled: never = status;
      return unhandled;
    }
  }
}

function recommendationOf(
  status: ThreatStatus,
  attempts: readonly DeniedAttemptsByActor[],
): string {
  const review =
    attempts.length === 0
      ? ''
      : ` Review the ${plural(attempts.length, 'actor')} with denied or failed attempts (${listText(
          attempts.map((row) => row.actor),
          3,
        )}).`;
  switch (status) {
    case 'mitigated':
      return `Keep tier RBAC scoped with resourceNames <tier>.* and keep auditing at RequestResponse.${review}`;
    case 'partial':
    case 'not-mitigated':
      return `Remove broad, wildcard and indirect grants (see the RBAC findings), scope editors per tier, and audit every tracked resource at RequestResponse.${review}`;
    case 'not-observable':
      return `Import roles and bindings and supply the tier-access analysis, and audit policy resources at RequestResponse.${review}`;
    default: {
      const unhandled: never = status;
      return unhandled;
    }
  }
}
