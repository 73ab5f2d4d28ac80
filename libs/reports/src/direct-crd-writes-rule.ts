import { listText } from './describe-policy';
import { describeSubject, isSystemIdentity, subjectKey } from './describe-subject';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import { REFERENCES } from './references';
import type { IndirectAccess } from './report-model';

const META: PostureRuleMeta = {
  ruleId: 'PL-RBAC-005',
  title: 'Direct writes to crd.projectcalico.org possible',
  severity: 'high',
  trigger:
    'The tier-access analysis reports a crd-write path: a subject other than a system identity can write crd.projectcalico.org policy objects, bypassing tier RBAC.',
  references: [REFERENCES.directCrdWrites, REFERENCES.tierRbac],
};

export const directCrdWritesRule = definePostureRule(META, (posture) => {
  const bySubject = new Map<string, Array<{ tier: string; access: IndirectAccess }>>();
  for (const access of posture.tierAccess) {
    for (const indirect of access.indirect) {
      if (indirect.path !== 'crd-write') continue;
      if (isSystemIdentity(indirect.subject, posture.options.systemNamespaces)) continue;
      const key = subjectKey(indirect.subject);
      bySubject.set(key, [...(bySubject.get(key) ?? []), { tier: access.tier, access: indirect }]);
    }
  }
  return [...bySubject.values()].map(draftFor);
});

function draftFor(paths: ReadonlyArray<{ tier: string; access: IndirectAccess }>): FindingDraft {
  const subject = paths[0]?.access.subject ?? { kind: 'User' as const, name: '?' };
  const tiers = [...new Set(paths.map((path) => path.tier))].sort();
  const details = [...new Set(paths.map((path) => path.access.detail))];
  return {
    severity: 'high',
    description: `${describeSubject(subject)} can write crd.projectcalico.org objects directly (${listText(details, 2)}), which skips Calico's tier authorization for ${listText(tiers)}; such writes reach the audit trail only as CRD events.`,
    evidence: {
      note: `Tier-access analysis at the period end, crd-write paths: ${details.join('; ')}.`,
    },
    fix: `Remove create, update, patch and delete on crd.projectcalico.org from ${describeSubject(subject)}'s roles; only the Calico API server's service account needs them, and people and pipelines should write projectcalico.org objects, where tier RBAC applies.`,
  };
}
