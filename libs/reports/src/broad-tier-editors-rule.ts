import { isBroadSubject } from '@policy-ledger/policy';
import { bindingsOf } from './bound-roles';
import { listText } from './describe-policy';
import { describeSubject, subjectKey } from './describe-subject';
import { evidenceOf } from './evidence-of';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import { describeRbacRule, grantsPolicyWrite } from './rbac-rule-predicates';
import type { Posture } from './read-posture';
import { REFERENCES } from './references';
import type { InventoryObject, Subject } from './report-model';

const META: PostureRuleMeta = {
  ruleId: 'PL-RBAC-003',
  title: 'Broad group can edit network policy',
  severity: 'critical',
  trigger:
    "system:authenticated, system:unauthenticated, system:serviceaccounts (or a namespace's service accounts, or system:anonymous) can edit tiers or policies, directly or indirectly, per the tier-access analysis or a binding in the inventory.",
  references: [REFERENCES.tierRbac, REFERENCES.rbacPosture, REFERENCES.threatModel],
};

interface BroadGrant {
  subject: Subject;
  tiers: Set<string>;
  via: Set<string>;
  sources: InventoryObject[];
}

export const broadTierEditorsRule = definePostureRule(META, (posture) =>
  [...broadGrants(posture).values()].map((grant) => draftFor(grant)),
);

function broadGrants(posture: Posture): Map<string, BroadGrant> {
  const grants = new Map<string, BroadGrant>();
  const entry = (subject: Subject) => {
    const key = subjectKey(subject);
    const found = grants.get(key) ?? { subject, tiers: new Set(), via: new Set(), sources: [] };
    grants.set(key, found);
    return found;
  };
  for (const access of posture.tierAccess) {
    for (const editor of [...access.policyEditors, ...access.tierModifiers]) {
      if (!isBroadSubject(editor.subject)) continue;
      const grant = entry(editor.subject);
      grant.tiers.add(access.tier);
      for (const via of editor.via) grant.via.add(via);
    }
    for (const indirect of access.indirect) {
      if (!isBroadSubject(indirect.subject)) continue;
      const grant = entry(indirect.subject);
      grant.tiers.add(access.tier);
      grant.via.add(`${indirect.path}: ${indirect.detail}`);
    }
  }
  for (const role of posture.roles) {
    const rules = role.model.rules.filter(grantsPolicyWrite);
    if (rules.length === 0) continue;
    for (const binding of bindingsOf(posture, role.model)) {
      for (const subject of binding.model.subjects.filter(isBroadSubject)) {
        const grant = entry(toSubject(subject));
        const path = `${binding.model.kind} ${binding.model.name} → ${role.model.kind} ${role.model.name}`;
        if (![...grant.via].some((via) => via.startsWith(path)))
          grant.via.add(`${path} (${rules.map(describeRbacRule).join('; ')})`);
        grant.sources.push(binding.source, role.source);
      }
    }
  }
  return grants;
}

function toSubject(subject: { kind: string; name: string; namespace?: string }): Subject {
  const kind =
    subject.kind === 'Group' || subject.kind === 'ServiceAccount' ? subject.kind : 'User';
  return {
    kind,
    name: subject.name,
    ...(subject.namespace === undefined ? {} : { namespace: subject.namespace }),
  };
}

function draftFor(grant: BroadGrant): FindingDraft {
  const tiers = [...grant.tiers].sort();
  const via = [...grant.via];
  return {
    severity: 'critical',
    description: `${describeSubject(grant.subject)} can edit network policy${tiers.length === 0 ? '' : ` in ${tiers.length === 1 ? 'tier' : 'tiers'} ${listText(tiers)}`}, through ${listText(via, 3)}: anyone in that group can remove a guardrail, and the audit trail names only whoever used it.`,
    evidence: evidenceOf(
      grant.sources,
      via.length === 0 ? undefined : `Grants: ${via.join('; ')}.`,
    ),
    fix: `Remove ${grant.subject.name} from the binding${via.length === 1 ? '' : 's'} (kubectl edit the ClusterRoleBinding or RoleBinding named above) and bind the role to the owning team's group instead, scoped with resourceNames: [<tier>.*].`,
  };
}
