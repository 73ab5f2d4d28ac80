import type { EffectiveRule } from './aggregate-cluster-roles';
import { findAllowingRule, requestSubjectOf, rulesGranting } from './compile-role-ability';
import { getOrCreate } from './get-or-create';
import type { Identity } from './normalize-identity';
import {
  type BindingRef,
  candidateRoles,
  candidateRolesAnyName,
  type IndexedBinding,
  type IndexedRole,
  identityMatchKeys,
  type RbacIndex,
  type RoleBindings,
  type RoleRef,
  subjectKey,
  subjectMatchKey,
} from './rbac-index';
import type { SubjectRef } from './rbac-snapshot';
import type { RbacRequest } from './rule-allows';

/** Why a check passed: subject → binding → role → the rule that allowed. */
export interface Grant {
  subject: SubjectRef;
  binding: BindingRef;
  role: RoleRef & { aggregatedFrom?: string };
  rule: {
    index: number;
    verbs: readonly string[];
    apiGroups: readonly string[];
    resources: readonly string[];
    resourceNames: readonly string[];
  };
}

export function grantOf(
  subject: SubjectRef,
  binding: IndexedBinding,
  effective: EffectiveRule,
): Grant {
  return { subject, binding: binding.ref, ...roleRuleOf(binding, effective) };
}

/** The role and rule parts of a chain. */
export function roleRuleOf(
  binding: IndexedBinding,
  effective: EffectiveRule,
): Pick<Grant, 'role' | 'rule'> {
  const role = binding.role;
  const roleRef: Grant['role'] = role
    ? { ...role.ref }
    : { kind: binding.object.roleRef.kind, name: binding.object.roleRef.name };
  if (effective.aggregatedFrom !== undefined) roleRef.aggregatedFrom = effective.aggregatedFrom;
  const { verbs, apiGroups, resources, resourceNames } = effective.rule;
  return {
    role: roleRef,
    rule: { index: effective.index, verbs, apiGroups, resources, resourceNames },
  };
}

/** One role rule and the bindings that hand it out: a grant path, every chain at once. */
export interface GrantPath extends Pick<Grant, 'role' | 'rule'> {
  bindings: { binding: BindingRef; subjects: readonly SubjectRef[] }[];
}

const grantPathMemo = new WeakMap<readonly IndexedBinding[], Map<EffectiveRule, GrantPath>>();

/** Memoised per binding list and rule: both belong to the index, and answers only read the result. */
export function grantPathOf(
  bindings: readonly IndexedBinding[],
  effective: EffectiveRule,
): GrantPath {
  const byRule = getOrCreate(grantPathMemo, bindings, () => new Map<EffectiveRule, GrantPath>());
  const known = byRule.get(effective);
  if (known) return known;
  const [first] = bindings;
  if (!first) throw new Error('a grant path needs a binding');
  const path = {
    ...roleRuleOf(first, effective),
    bindings: bindings.map((binding) => ({
      binding: binding.ref,
      subjects: binding.object.subjects,
    })),
  };
  byRule.set(effective, path);
  return path;
}

interface ApplicableBinding {
  binding: IndexedBinding;
  subject: SubjectRef;
}

/**
 * A.3 `VisitRulesFor` for one requester: the bindings whose subjects apply to it in a namespace —
 * every ClusterRoleBinding, plus that namespace's RoleBindings when the namespace is not "".
 * Built once per (identity, namespace) and then asked per request.
 */
export class IdentityRules {
  private readonly keys: string[];
  private readonly byNamespace = new Map<string, ApplicableBinding[]>();

  constructor(
    private readonly index: RbacIndex,
    readonly identity: Identity,
  ) {
    this.keys = identityMatchKeys(identity);
  }

  applicableBindings(namespace: string): ApplicableBinding[] {
    let found = this.byNamespace.get(namespace);
    if (found) return found;
    found = [];
    const seen = new Set<IndexedBinding>();
    const add = (bindings: readonly IndexedBinding[] | undefined) => {
      for (const binding of bindings ?? []) {
        if (seen.has(binding) || !binding.role) continue;
        seen.add(binding);
        const subject = binding.object.subjects.find((s) => this.keys.includes(subjectMatchKey(s)));
        if (subject) found?.push({ binding, subject });
      }
    };
    for (const key of this.keys) add(this.index.clusterBindingsBySubject.get(key));
    if (namespace !== '')
      for (const key of this.keys)
        add(this.index.roleBindingsBySubject.get(`${namespace}\u0000${key}`));
    this.byNamespace.set(namespace, found);
    return found;
  }

  /** Every binding that allows the request, each with the first rule of its role that does. */
  grants(request: RbacRequest): Grant[] {
    const subject = requestSubjectOf(request);
    const out: Grant[] = [];
    for (const { binding, subject: matched } of this.applicableBindings(request.namespace)) {
      const role = binding.role;
      if (!role) continue;
      const rule = findAllowingRule(role.ability, subject, request.verb);
      if (rule) out.push(grantOf(matched, binding, rule));
    }
    return out;
  }
}

/** The reverse question: every binding subject the request is allowed for, grouped by match key. */
export type SubjectGrants = ReadonlyMap<string, readonly Grant[]>;

/**
 * The reverse question for one request, split by scope. Rule matching ignores the namespace, so
 * the allowing roles are found once; which of their bindings count is then a per-namespace lookup.
 */
export class RequestGrants {
  private readonly allowing: { role: IndexedRole; rule: EffectiveRule }[] = [];
  private clusterGrants: SubjectGrants | undefined;
  private readonly namespaceGrants = new Map<string, SubjectGrants>();
  private readonly scopedGrants = new Map<string, SubjectGrants>();

  constructor(
    private readonly index: RbacIndex,
    request: RbacRequest,
  ) {
    const subject = requestSubjectOf(request);
    for (const role of candidateRoles(index, request)) {
      const rule = findAllowingRule(role.ability, subject, request.verb);
      if (rule) this.allowing.push({ role, rule });
    }
  }

  /** The roles allowing the request (with the rule), whatever their bindings. */
  get allowingRoles(): readonly { role: IndexedRole; rule: EffectiveRule }[] {
    return this.allowing;
  }

  /** Whether any of these match keys is allowed in `namespace` ("" = cluster scope), without building chains. */
  allows(keys: readonly string[], namespace: string): boolean {
    for (const { role } of this.allowing) {
      const bindings = this.index.bindingsByRole.get(role.key);
      if (!bindings) continue;
      const local = namespace === '' ? undefined : bindings.namespaceKeys.get(namespace);
      for (const key of keys) if (bindings.clusterKeys.has(key) || local?.has(key)) return true;
    }
    return false;
  }

  /** Grants through ClusterRoleBindings: they apply in every namespace and at cluster scope. */
  cluster(): SubjectGrants {
    if (!this.clusterGrants) this.clusterGrants = this.collect((bindings) => bindings.cluster);
    return this.clusterGrants;
  }

  /** Grants through RoleBindings of one namespace only. */
  inNamespace(namespace: string): SubjectGrants {
    let grants = this.namespaceGrants.get(namespace);
    if (!grants) {
      grants = this.collect((bindings) => bindings.byNamespace.get(namespace) ?? []);
      this.namespaceGrants.set(namespace, grants);
    }
    return grants;
  }

  /** A.3: what a request in `namespace` sees ("" = cluster scope, RoleBindings never count). */
  scoped(namespace: string): SubjectGrants {
    const cluster = this.cluster();
    if (namespace === '') return cluster;
    const local = this.inNamespace(namespace);
    if (local.size === 0) return cluster;
    return getOrCreate(this.scopedGrants, namespace, () => {
      const merged = new Map<string, Grant[]>();
      for (const [key, grants] of cluster) merged.set(key, [...grants]);
      for (const [key, grants] of local) merged.set(key, [...(merged.get(key) ?? []), ...grants]);
      return merged;
    });
  }

  /** The subjects of the RoleBindings granting the request in any of these namespaces, without chains. */
  namespaceSubjects(namespaces: readonly string[], into: Map<string, SubjectRef>): void {
    for (const { role } of this.allowing) {
      const bindings = this.index.bindingsByRole.get(role.key);
      if (!bindings || bindings.byNamespace.size === 0) continue;
      for (const namespace of namespaces)
        for (const binding of bindings.byNamespace.get(namespace) ?? [])
          for (const subject of binding.object.subjects) into.set(subjectKey(subject), subject);
    }
  }

  private collect(select: (bindings: RoleBindings) => readonly IndexedBinding[]): SubjectGrants {
    const out = new Map<string, Grant[]>();
    for (const { role, rule } of this.allowing) {
      const bindings = this.index.bindingsByRole.get(role.key);
      if (!bindings) continue;
      for (const binding of select(bindings))
        for (const bound of binding.object.subjects) {
          const key = subjectMatchKey(bound);
          const grant = grantOf(bound, binding, rule);
          const list = out.get(key);
          if (list) list.push(grant);
          else out.set(key, [grant]);
        }
    }
    return out;
  }
}

const grantingRulesMemo = new WeakMap<RbacIndex, Map<string, readonly RoleRule[]>>();

export interface RoleRule {
  role: IndexedRole;
  rule: EffectiveRule;
}

/**
 * Every (role, rule) granting `verb` on the group and resource, whatever the rule's resourceNames,
 * through CASL's `rulesFor`. Memoised per index: it depends on the roles only.
 */
export function findGrantingRules(
  index: RbacIndex,
  verb: string,
  apiGroup: string,
  resource: string,
): readonly RoleRule[] {
  const memo = getOrCreate(grantingRulesMemo, index, () => new Map<string, readonly RoleRule[]>());
  const key = `${verb}\u0000${apiGroup}\u0000${resource}`;
  const known = memo.get(key);
  if (known) return known;
  const out: RoleRule[] = [];
  const probe = { verb, apiGroup, resource, subresource: '', namespace: '' };
  for (const role of candidateRolesAnyName(index, probe))
    for (const rule of rulesGranting(role.ability, verb, apiGroup, resource, ''))
      out.push({ role, rule });
  memo.set(key, out);
  return out;
}
