import { bindingScope, boundRoles, type RoleGrant, subjectsOf } from './bound-roles';
import { listText } from './describe-policy';
import { describeSubject, isSystemIdentity, subjectKey } from './describe-subject';
import { evidenceOf } from './evidence-of';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import { describeRbacRule, escalationVerbsOf } from './rbac-rule-predicates';
import type { Posture } from './read-posture';
import { REFERENCES } from './references';
import type { IndirectAccess } from './report-model';

const META: PostureRuleMeta = {
  ruleId: 'PL-RBAC-002',
  title: 'Privilege-escalation grants',
  severity: 'high',
  trigger:
    'A non-system subject holds escalate, bind or impersonate through a role, or the tier-access analysis finds an indirect path to tier edit (escalate, bind, impersonate, RBAC write).',
  references: [REFERENCES.rbacPosture, REFERENCES.kubernetesRbacEscalation],
};

const INDIRECT_PATHS: readonly IndirectAccess['path'][] = [
  'escalate',
  'bind',
  'impersonate',
  'rbac-write',
];

export const escalationVerbsRule = definePostureRule(META, (posture) => {
  const grants = boundRoles(posture, (rule) => escalationVerbsOf(rule).length > 0);
  const seen = new Set(grants.flatMap((grant) => subjectsOf(grant).map(subjectKey)));
  return [...grants.map(roleDraft), ...indirectDrafts(posture, seen)];
});

function roleDraft(grant: RoleGrant): FindingDraft {
  const verbs = [...new Set(grant.rules.flatMap(escalationVerbsOf))];
  return {
    severity: 'high',
    description: `${grant.role.model.kind} ${grant.role.model.name} grants ${verbs.join(', ')} (${grant.rules.map(describeRbacRule).join('; ')}) to ${listText(subjectsOf(grant).map(describeSubject))} through ${listText(
      grant.bindings.map(
        (entry) =>
          `${entry.binding.model.kind} ${entry.binding.model.name} (${bindingScope(entry.binding.model)})`,
      ),
      3,
    )}: they can grant themselves, or act as, someone allowed to edit policy.`,
    evidence: evidenceOf([
      grant.role.source,
      ...grant.bindings.map((entry) => entry.binding.source),
    ]),
    fix: `Remove ${verbs.join(', ')} from ${grant.role.model.name} (kubectl edit ${grant.role.source.resource} ${grant.role.model.name}); when a controller needs bind, restrict it with resourceNames to the roles it may bind.`,
  };
}

/** The tier-access analysis sees paths the inventory may not (roles outside the tracked set). */
function indirectDrafts(posture: Posture, seen: ReadonlySet<string>): FindingDraft[] {
  const bySubject = new Map<string, Array<{ tier: string; access: IndirectAccess }>>();
  for (const access of posture.tierAccess) {
    for (const indirect of access.indirect) {
      if (!INDIRECT_PATHS.includes(indirect.path)) continue;
      if (isSystemIdentity(indirect.subject, posture.options.systemNamespaces)) continue;
      const key = subjectKey(indirect.subject);
      if (seen.has(key)) continue;
      bySubject.set(key, [...(bySubject.get(key) ?? []), { tier: access.tier, access: indirect }]);
    }
  }
  return [...bySubject.values()].map((paths) => {
    const subject = paths[0]?.access.subject ?? { kind: 'User', name: '?' };
    const details = [...new Set(paths.map((path) => `${path.access.path}: ${path.access.detail}`))];
    return {
      severity: 'high',
      description: `${describeSubject(subject)} can obtain edit rights on ${listText([...new Set(paths.map((path) => path.tier))])} indirectly (${listText(details, 3)}).`,
      evidence: { note: `Tier-access analysis at the period end: ${details.join('; ')}.` },
      fix: `Remove the grant that opens the path (escalate, bind, impersonate, or write access to roles and bindings) from ${describeSubject(subject)}; keep RBAC changes with the platform administrators.`,
    };
  });
}
