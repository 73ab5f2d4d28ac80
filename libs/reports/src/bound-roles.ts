import type { RbacRule, RbacSubject, RoleBindingModel, RoleModel } from '@policy-ledger/policy';
import { isSystemIdentity } from './describe-subject';
import type { Known, Posture } from './read-posture';

export interface RoleGrant {
  role: Known<RoleModel>;
  /** The rules of the role that matched. */
  rules: RbacRule[];
  /** Bindings of the role, each with the subjects that are not Kubernetes' or Calico's own. */
  bindings: Array<{ binding: Known<RoleBindingModel>; subjects: RbacSubject[] }>;
}

/** Roles with a rule matching `predicate`, bound to at least one subject that is not a system identity. */
export function boundRoles(posture: Posture, predicate: (rule: RbacRule) => boolean): RoleGrant[] {
  return posture.roles.flatMap((role) => {
    const rules = role.model.rules.filter(predicate);
    if (rules.length === 0) return [];
    const bindings = bindingsOf(posture, role.model)
      .map((binding) => ({
        binding,
        subjects: binding.model.subjects.filter(
          (subject) => !isSystemIdentity(subject, posture.options.systemNamespaces),
        ),
      }))
      .filter((entry) => entry.subjects.length > 0);
    return bindings.length === 0 ? [] : [{ role, rules, bindings }];
  });
}

/** A RoleBinding may reference a ClusterRole (scoped to its namespace) or a Role of its namespace. */
export function bindingsOf(posture: Posture, role: RoleModel): Known<RoleBindingModel>[] {
  return posture.bindings.filter(({ model }) => {
    const ref = model.roleRef;
    if (ref === undefined || ref.kind !== role.kind || ref.name !== role.name) return false;
    return role.kind === 'ClusterRole' || model.namespace === role.namespace;
  });
}

export function bindingScope(binding: RoleBindingModel): string {
  return binding.kind === 'ClusterRoleBinding'
    ? 'cluster-wide'
    : `in namespace ${binding.namespace ?? '?'}`;
}

export function subjectsOf(grant: RoleGrant): RbacSubject[] {
  return grant.bindings.flatMap((entry) => entry.subjects);
}
