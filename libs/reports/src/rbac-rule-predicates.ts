import { ESCALATION_VERBS, type RbacRule, WRITE_VERBS } from '@policy-ledger/policy';

/** Groups whose wildcards matter here: RBAC itself and Calico's (API and CRD) resources. */
const SENSITIVE_GROUPS: readonly string[] = [
  '*',
  'rbac.authorization.k8s.io',
  'projectcalico.org',
  'crd.projectcalico.org',
];
const CALICO_POLICY_RESOURCES: readonly string[] = [
  'tiers',
  'tier.networkpolicies',
  'tier.globalnetworkpolicies',
  'tier.stagednetworkpolicies',
  'tier.stagedglobalnetworkpolicies',
  'networkpolicies',
  'globalnetworkpolicies',
  'stagednetworkpolicies',
  'stagedglobalnetworkpolicies',
  'stagedkubernetesnetworkpolicies',
  '*',
];

export function hasWildcardOnSensitiveGroup(rule: RbacRule): boolean {
  return (
    rule.apiGroups.some((group) => SENSITIVE_GROUPS.includes(group)) &&
    (rule.verbs.includes('*') || rule.resources.includes('*'))
  );
}

export function escalationVerbsOf(rule: RbacRule): string[] {
  return rule.verbs.filter((verb) => ESCALATION_VERBS.includes(verb));
}

/** Writes Calico policy or tiers (API or CRD), or Kubernetes NetworkPolicies. */
export function grantsPolicyWrite(rule: RbacRule): boolean {
  return (
    rule.verbs.some((verb) => WRITE_VERBS.includes(verb)) &&
    rule.apiGroups.some((group) =>
      rule.resources.some((resource) => isPolicyResource(group, resource)),
    )
  );
}

function isPolicyResource(group: string, resource: string): boolean {
  const calico = ['*', 'projectcalico.org', 'crd.projectcalico.org'].includes(group);
  const kubernetes = ['*', 'networking.k8s.io'].includes(group);
  return (
    (calico && CALICO_POLICY_RESOURCES.includes(resource)) ||
    (kubernetes && (resource === 'networkpolicies' || resource === '*'))
  );
}

/** "apiGroups projectcalico.org, resources *, verbs *" for one rule. */
export function describeRbacRule(rule: RbacRule): string {
  const list = (values: readonly string[]) =>
    values.length === 0 ? '(none)' : values.map((value) => value || '""').join(',');
  const names =
    rule.resourceNames.length === 0 ? '' : `, resourceNames ${list(rule.resourceNames)}`;
  return `rule ${rule.position}: apiGroups ${list(rule.apiGroups)}, resources ${list(rule.resources)}${names}, verbs ${list(rule.verbs)}`;
}
