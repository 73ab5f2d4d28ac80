import { bindingScope, boundRoles, type RoleGrant, subjectsOf } from './bound-roles';
import { listText } from './describe-policy';
import { describeSubject } from './describe-subject';
import { evidenceOf } from './evidence-of';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import { describeRbacRule, hasWildcardOnSensitiveGroup } from './rbac-rule-predicates';
import { REFERENCES } from './references';

const META: PostureRuleMeta = {
  ruleId: 'PL-RBAC-001',
  title: 'Wildcard RBAC on RBAC or Calico resources',
  severity: 'high',
  trigger:
    'A role with a wildcard verb or resource over rbac.authorization.k8s.io, projectcalico.org, crd.projectcalico.org or every group (*) is bound to a subject other than a Kubernetes or Calico system identity.',
  references: [REFERENCES.rbacPosture, REFERENCES.tierRbac, REFERENCES.kubernetesRbacEscalation],
};

export const wildcardRbacRule = definePostureRule(META, (posture) =>
  boundRoles(posture, hasWildcardOnSensitiveGroup).map(draftFor),
);

function draftFor(grant: RoleGrant): FindingDraft {
  const { role } = grant;
  const via = grant.bindings.map(
    (entry) =>
      `${entry.binding.model.kind} ${entry.binding.model.name} (${bindingScope(entry.binding.model)})`,
  );
  return {
    severity: 'high',
    description: `${role.model.kind} ${role.model.name} grants wildcards over RBAC or Calico resources (${grant.rules.map(describeRbacRule).join('; ')}) to ${listText(subjectsOf(grant).map(describeSubject))} through ${listText(via, 3)}: they can edit any policy or tier and rewrite RBAC, tier scoping included.`,
    evidence: evidenceOf([role.source, ...grant.bindings.map((entry) => entry.binding.source)]),
    fix: `Replace the wildcards with the verbs and resources needed, scoped by tier, e.g. apiGroups: [projectcalico.org], resources: [tier.networkpolicies], resourceNames: [<tier>.*], verbs: [get, list, watch, create, update, patch, delete]; keep cluster-admin for break-glass accounts (kubectl edit ${role.source.resource} ${role.model.name}).`,
  };
}
