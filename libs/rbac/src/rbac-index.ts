import { createHash } from 'node:crypto';
import { aggregateClusterRoles, type EffectiveRule } from './aggregate-cluster-roles';
import { type RoleAbility, RoleAbilityCache } from './compile-role-ability';
import { getOrCreate } from './get-or-create';
import {
  ANONYMOUS,
  AUTHENTICATED,
  type Identity,
  MASTERS,
  parseServiceAccountUsername,
  SERVICE_ACCOUNTS,
  serviceAccountUsername,
  UNAUTHENTICATED,
} from './normalize-identity';
import { DEFAULT_TIER } from './policy-kinds';
import type {
  BindingKind,
  BindingObject,
  ObservedMembership,
  RbacSnapshot,
  RoleKind,
  RoleObject,
  SubjectRef,
} from './rbac-snapshot';
import { combinedResource, type RbacRequest } from './rule-allows';

export interface RoleRef {
  kind: RoleKind;
  namespace?: string;
  name: string;
}

export interface BindingRef {
  kind: BindingKind;
  namespace?: string;
  name: string;
}

export interface IndexedRole {
  key: string;
  ref: RoleRef;
  object: RoleObject;
  rules: readonly EffectiveRule[];
  ability: RoleAbility;
}

export interface IndexedBinding {
  ref: BindingRef;
  object: BindingObject;
  /** The match keys of its subjects, in order. */
  subjectKeys: readonly string[];
  /** Undefined when the reference can never resolve (a ClusterRoleBinding to a Role). */
  roleKey?: string;
  role?: IndexedRole;
}

/** Precomputed lookups over one snapshot; every answer reads these, none scans the snapshot. */
export interface RbacIndex {
  roles: ReadonlyMap<string, IndexedRole>;
  bindings: readonly IndexedBinding[];
  /** Subject match key → ClusterRoleBindings naming it. */
  clusterBindingsBySubject: ReadonlyMap<string, readonly IndexedBinding[]>;
  /** `namespace \0 match key` → RoleBindings in that namespace naming it. */
  roleBindingsBySubject: ReadonlyMap<string, readonly IndexedBinding[]>;
  /** Subject match key → every binding naming it, whatever its scope. */
  bindingsBySubject: ReadonlyMap<string, readonly IndexedBinding[]>;
  /** Whether any binding names system:anonymous or system:unauthenticated (not covered by system:authenticated). */
  namesUnauthenticated: boolean;
  bindingsByRole: ReadonlyMap<string, RoleBindings>;
  /** apiGroup → resource → verb → name → roles with a rule listing them (or `*`); ANY_NAME = no resourceNames. */
  candidates: CandidateIndex;
  /** Group → users observed in it. */
  membersByGroup: ReadonlyMap<string, readonly string[]>;
  /** Every subject named in a binding plus the special groups, de-duplicated. */
  universe: readonly SubjectRef[];
  /** Tier names: the snapshot's Tier objects plus "default", sorted. */
  tierNames: readonly string[];
  membershipsByUser: ReadonlyMap<string, readonly ObservedMembership[]>;
  warnings: readonly string[];
}

/** A role's bindings, split the way A.3 scopes them. */
export interface RoleBindings {
  all: IndexedBinding[];
  cluster: IndexedBinding[];
  byNamespace: Map<string, IndexedBinding[]>;
  /** Every RoleBinding of the role, all namespaces together. */
  namespaced: IndexedBinding[];
  /** Match keys of the subjects of `cluster`, and of each namespace's bindings. */
  clusterKeys: Set<string>;
  namespaceKeys: Map<string, Set<string>>;
}

/** The candidate-index name bucket of rules with no resourceNames. */
export const ANY_NAME = '\u0000any';

type CandidateIndex = Map<
  string,
  Map<string, Map<string, { any: IndexedRole[]; byName: Map<string, IndexedRole[]> }>>
>;

export function roleKeyOf(kind: RoleKind, namespace: string, name: string): string {
  return kind === 'ClusterRole' ? `ClusterRole/${name}` : `Role/${namespace}/${name}`;
}

/** How a subject is matched (A.3 appliesTo): a ServiceAccount is the user it authenticates as. */
export function subjectMatchKey(subject: SubjectRef): string {
  switch (subject.kind) {
    case 'User':
      return `u:${subject.name}`;
    case 'Group':
      return `g:${subject.name}`;
    case 'ServiceAccount':
      return `u:${serviceAccountUsername(subject.namespace, subject.name)}`;
    default: {
      const unhandled: never = subject;
      return unhandled;
    }
  }
}

/** The match keys a requester presents: its user name and each of its groups. */
export function identityMatchKeys(identity: Identity): string[] {
  const keys = identity.groups.map((group) => `g:${group}`);
  if (identity.user !== undefined) keys.unshift(`u:${identity.user}`);
  return keys;
}

/** A subject's identity in answers: `User:alice`, `Group:devs`, `ServiceAccount:ns/name`. */
export function subjectKey(subject: SubjectRef): string {
  return subject.kind === 'ServiceAccount'
    ? `ServiceAccount:${subject.namespace}/${subject.name}`
    : `${subject.kind}:${subject.name}`;
}

export function buildRbacIndex(snapshot: RbacSnapshot, cache = new RoleAbilityCache()): RbacIndex {
  const warnings: string[] = [];
  const effectiveClusterRules = aggregateClusterRoles(
    snapshot.roles.filter((role) => role.kind === 'ClusterRole'),
  );
  const roles = new Map<string, IndexedRole>();
  for (const object of snapshot.roles) {
    const key = roleKeyOf(object.kind, object.namespace, object.name);
    const rules =
      object.kind === 'ClusterRole'
        ? (effectiveClusterRules.get(object.name) ?? [])
        : object.rules.map((rule, index) => ({ rule, index }));
    // A content hash, not resourceVersion: resourceVersions repeat across clusters sharing a cache.
    const version = `#${createHash('sha1').update(JSON.stringify(rules)).digest('base64url')}`;
    roles.set(key, {
      key,
      ref:
        object.kind === 'ClusterRole'
          ? { kind: 'ClusterRole', name: object.name }
          : { kind: 'Role', namespace: object.namespace, name: object.name },
      object,
      rules,
      ability: cache.get(key + version, rules),
    });
  }

  const unknownRoles = new Map<string, string>();
  for (const object of snapshot.unknownState ?? []) {
    const label = `${object.kind} "${object.namespace ? `${object.namespace}/` : ''}${object.name}"`;
    if (object.kind === 'Role' || object.kind === 'ClusterRole')
      unknownRoles.set(roleKeyOf(object.kind, object.namespace ?? '', object.name), object.since);
    else
      warnings.push(
        `${label} exists but its content is unknown since ${object.since} (Metadata-level audit events, or a patch that could not be replayed): what it grants is not counted`,
      );
  }

  const bindings: IndexedBinding[] = [];
  const clusterBindingsBySubject = new Map<string, IndexedBinding[]>();
  const roleBindingsBySubject = new Map<string, IndexedBinding[]>();
  const bindingsBySubject = new Map<string, IndexedBinding[]>();
  let namesUnauthenticated = false;
  const bindingsByRole = new Map<string, RoleBindings>();
  const universe = new Map<string, SubjectRef>();
  const saNamespaces = new Set<string>();
  for (const object of snapshot.bindings) {
    const cluster = object.kind === 'ClusterRoleBinding';
    const ref: BindingRef = cluster
      ? { kind: object.kind, name: object.name }
      : { kind: object.kind, namespace: object.namespace, name: object.name };
    const label = `${object.kind} "${cluster ? '' : `${object.namespace}/`}${object.name}"`;
    let roleKey: string | undefined;
    if (cluster && object.roleRef.kind === 'Role')
      warnings.push(
        `${label} references Role "${object.roleRef.name}": a ClusterRoleBinding cannot reference a Role, it grants nothing`,
      );
    else roleKey = roleKeyOf(object.roleRef.kind, object.namespace, object.roleRef.name);
    const role = roleKey === undefined ? undefined : roles.get(roleKey);
    const roleLabel = `${object.roleRef.kind} "${object.roleRef.kind === 'Role' ? `${object.namespace}/` : ''}${object.roleRef.name}"`;
    if (roleKey !== undefined && !role && unknownRoles.has(roleKey))
      warnings.push(
        `${label} references ${roleLabel}, whose rules are unknown since ${unknownRoles.get(roleKey)}: what it grants is not counted`,
      );
    else if (roleKey !== undefined && !role)
      warnings.push(
        `${label} references missing ${roleLabel}: it grants nothing until the role appears`,
      );
    const indexed: IndexedBinding = {
      ref,
      object,
      subjectKeys: object.subjects.map(subjectMatchKey),
      ...(roleKey ? { roleKey } : {}),
      ...(role ? { role } : {}),
    };
    bindings.push(indexed);
    if (roleKey !== undefined) {
      const byRole = getOrCreate(
        bindingsByRole,
        roleKey,
        (): RoleBindings => ({
          all: [],
          cluster: [],
          namespaced: [],
          byNamespace: new Map(),
          clusterKeys: new Set(),
          namespaceKeys: new Map(),
        }),
      );
      byRole.all.push(indexed);
      const keys = indexed.subjectKeys;
      if (cluster) {
        byRole.cluster.push(indexed);
        for (const key of keys) byRole.clusterKeys.add(key);
      } else {
        byRole.namespaced.push(indexed);
        push(byRole.byNamespace, object.namespace, indexed);
        const namespaceKeys = getOrCreate(
          byRole.namespaceKeys,
          object.namespace,
          () => new Set<string>(),
        );
        for (const key of keys) namespaceKeys.add(key);
      }
    }
    const seenKeys = new Set<string>();
    for (const subject of object.subjects) {
      universe.set(subjectKey(subject), subject);
      const matchKey = subjectMatchKey(subject);
      const sa =
        subject.kind === 'ServiceAccount'
          ? subject
          : subject.kind === 'User'
            ? parseServiceAccountUsername(subject.name)
            : undefined;
      if (sa) saNamespaces.add(sa.namespace);
      if (matchKey === `u:${ANONYMOUS}` || matchKey === `g:${UNAUTHENTICATED}`)
        namesUnauthenticated = true;
      if (seenKeys.has(matchKey)) continue;
      seenKeys.add(matchKey);
      push(bindingsBySubject, matchKey, indexed);
      if (cluster) push(clusterBindingsBySubject, matchKey, indexed);
      else push(roleBindingsBySubject, `${object.namespace}\u0000${matchKey}`, indexed);
    }
  }
  for (const name of [MASTERS, AUTHENTICATED, UNAUTHENTICATED, SERVICE_ACCOUNTS])
    universe.set(`Group:${name}`, { kind: 'Group', name });
  for (const namespace of [...saNamespaces].sort()) {
    const name = `${SERVICE_ACCOUNTS}:${namespace}`;
    universe.set(`Group:${name}`, { kind: 'Group', name });
  }

  const candidates: CandidateIndex = new Map();
  for (const role of roles.values()) {
    const seen = new Set<string>();
    for (const { rule } of role.rules) {
      const names = rule.resourceNames.length === 0 ? [ANY_NAME] : rule.resourceNames;
      for (const group of rule.apiGroups)
        for (const resource of rule.resources)
          for (const verb of rule.verbs) {
            const byResource = getOrCreate(candidates, group, () => new Map());
            const byVerb = getOrCreate(byResource, resource, () => new Map());
            const bucket = getOrCreate(byVerb, verb, () => ({
              any: [] as IndexedRole[],
              byName: new Map<string, IndexedRole[]>(),
            }));
            const key = `${group}\u0000${resource}\u0000${verb}`;
            if (!seen.has(key)) {
              seen.add(key);
              bucket.any.push(role);
            }
            for (const name of names) {
              const named = `${key}\u0000${name}`;
              if (seen.has(named)) continue;
              seen.add(named);
              push(bucket.byName, name, role);
            }
          }
    }
  }

  const membershipsByUser = new Map<string, ObservedMembership[]>();
  const membersByGroup = new Map<string, string[]>();
  for (const membership of snapshot.memberships) {
    push(membershipsByUser, membership.username, membership);
    const members = membersByGroup.get(membership.group);
    if (!members) membersByGroup.set(membership.group, [membership.username]);
    else if (!members.includes(membership.username)) members.push(membership.username);
  }

  return {
    roles,
    bindings,
    clusterBindingsBySubject,
    roleBindingsBySubject,
    bindingsBySubject,
    namesUnauthenticated,
    bindingsByRole,
    candidates,
    membersByGroup,
    universe: [...universe.values()],
    tierNames: [...new Set([DEFAULT_TIER, ...snapshot.tiers.map((tier) => tier.name)])].sort(),
    membershipsByUser,
    warnings,
  };
}

/** Roles with a rule that could allow the request: the only ones worth asking CASL about. */
export function candidateRoles(index: RbacIndex, request: RbacRequest): readonly IndexedRole[] {
  return lookupCandidates(index.candidates, request, request.name);
}

/** Roles with a rule that grants the verb on the group and resource, whatever its resourceNames. */
export function candidateRolesAnyName(
  index: RbacIndex,
  request: Omit<RbacRequest, 'name'>,
): readonly IndexedRole[] {
  return lookupCandidates(index.candidates, request, undefined);
}

function lookupCandidates(
  index: CandidateIndex,
  request: Omit<RbacRequest, 'name'>,
  name: string | undefined,
): readonly IndexedRole[] {
  const combined = combinedResource(request);
  const subresourceAll = request.subresource === '' ? undefined : `*/${request.subresource}`;
  let out: IndexedRole[] | undefined;
  let merged: Set<IndexedRole> | undefined;
  const add = (roles: readonly IndexedRole[] | undefined) => {
    if (!roles || roles.length === 0) return;
    if (!out) out = roles as IndexedRole[];
    else {
      merged ??= new Set(out);
      for (const role of roles) merged.add(role);
    }
  };
  for (const group of request.apiGroup === '*' ? ['*'] : [request.apiGroup, '*']) {
    const byResource = index.get(group);
    if (!byResource) continue;
    for (const resource of [combined, '*', subresourceAll]) {
      if (resource === undefined) continue;
      const byVerb = byResource.get(resource);
      if (!byVerb) continue;
      for (const verb of request.verb === '*' ? ['*'] : [request.verb, '*']) {
        const bucket = byVerb.get(verb);
        if (!bucket) continue;
        if (name === undefined) add(bucket.any);
        else {
          add(bucket.byName.get(ANY_NAME));
          add(bucket.byName.get(name));
        }
      }
    }
  }
  if (merged) return [...merged];
  return out ?? [];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
