import type { EffectiveRule } from './aggregate-cluster-roles';
import { describeSubject } from './describe-answer';
import { MASTERS, memberIdentity, normalizeIdentity } from './normalize-identity';
import type { RbacMode } from './plan-decision';
import {
  admissionVerbOf,
  CALICO_GROUP,
  isNamespacedKind,
  type PolicyVerb,
  TIERED_KINDS,
  type TieredKind,
} from './policy-kinds';
import {
  type IndexedBinding,
  type IndexedRole,
  identityMatchKeys,
  type RbacIndex,
  subjectKey,
  subjectMatchKey,
} from './rbac-index';
import type { SubjectRef } from './rbac-snapshot';
import {
  findGrantingRules,
  type GrantPath,
  grantPathOf,
  type RequestGrants,
  type SubjectGrants,
} from './visit-rules-for';
import {
  compareSubjects,
  isImpliedGroupKey,
  isSpecialGroup,
  type SubjectGrantsCache,
  uniqueSubjects,
} from './who-can';

export type Scope = 'cluster' | { namespaces: string[] };

export interface PathDefinite<V extends string> {
  subject: SubjectRef;
  description: string;
  verbs: V[];
  /** For RoleBinding paths: the namespaces where this subject passes. */
  namespaces?: string[];
}

export interface PathObserved<V extends string> extends PathDefinite<V> {
  viaGroups: string[];
}

/**
 * One grant path to a tier's policies: a role's rule on `tier.<kind>` (on the kind itself for
 * webhook-mode reads), handed out by ClusterRoleBindings (scope cluster) or by RoleBindings (scope:
 * their namespaces). `bindings` are the tier-verb holders; `requires.base` who holds the base verb
 * there; `definite` who passes every check through this path on their own identity (B.8 Q3).
 */
export interface PolicyPath<V extends string> extends GrantPath {
  kind: TieredKind;
  verbs: V[];
  scope: Scope;
  /** "all": empty resourceNames or `<tier>.*`; otherwise the exact policy names. */
  names: 'all' | string[];
  requires: { base: SubjectRef[] };
  definite: PathDefinite<V>[];
  observed: PathObserved<V>[];
}

export interface CollectedPaths<V extends string> {
  /** Who can GET the tier (cluster scope), subjects covered by a special group left out. */
  tierGetters: SubjectRef[];
  paths: PolicyPath<V>[];
  /** Per path, every subject key (special groups included) that passes through it for some verb. */
  qualifiedKeys: Set<string>[];
}

interface PathDraft<V extends string> extends PolicyPath<V> {
  indexedRole: IndexedRole;
  effective: EffectiveRule;
  indexedBindings: IndexedBinding[];
  /** Whether the path's rule stands for the tier-scoped verb (and the tier GET is needed) or the base. */
  needsTierGet: boolean;
  qualified: Set<string>;
}

const isRead = (verb: string) => verb === 'get' || verb === 'list' || verb === 'watch';
const isNameless = (verb: string) =>
  verb === 'create' || verb === 'deletecollection' || verb === 'list' || verb === 'watch';

/** The verb checked on `tier.<kind>` for a request verb, and whether a policy name can satisfy it. */
function tierCheckedVerb(mode: RbacMode, verb: PolicyVerb): { verb: string; named: boolean } {
  if (isRead(verb)) return { verb, named: verb === 'get' };
  // B.7: the webhook checks the admission verb, with the object's name even on create.
  if (mode === 'webhook') return { verb: admissionVerbOf(verb as Exclude<PolicyVerb, 'get' | 'list' | 'watch'>), named: true };
  return { verb, named: verb === 'update' || verb === 'patch' || verb === 'delete' };
}

function namesFor(resourceNames: readonly string[], tier: string): 'all' | string[] {
  if (resourceNames.length === 0 || resourceNames.includes(`${tier}.*`)) return 'all';
  // `*` is not valid in a policy name, so `other.*` and `*` can only ever be literal misses.
  if (resourceNames.every((name) => name.includes('*'))) return [];
  return resourceNames.filter((name) => name !== '' && !name.includes('*'));
}

/**
 * Grant paths to the policies of a tier for the given verbs, each with who passes through it.
 * Used by tierEditors (edit verbs) and the access matrix (view and edit verbs).
 */
export function collectPolicyPaths<V extends PolicyVerb>(
  index: RbacIndex,
  mode: RbacMode,
  tier: string,
  verbs: readonly V[],
  cache: SubjectGrantsCache,
): CollectedPaths<V> {
  const drafts = new Map<string, PathDraft<V>>();
  for (const kind of TIERED_KINDS) {
    const namespaced = isNamespacedKind(kind);
    for (const verb of verbs) {
      // B.7: in webhook mode reads are plain RBAC on the kind itself.
      const needsTierGet = !(mode === 'webhook' && isRead(verb));
      const checked = tierCheckedVerb(mode, verb);
      const resource = needsTierGet ? `tier.${kind}` : kind;
      for (const { role, rule } of findGrantingRules(index, checked.verb, CALICO_GROUP, resource)) {
        const resourceNames = rule.rule.resourceNames;
        const names = needsTierGet
          ? namesFor(resourceNames, tier)
          : resourceNames.length === 0
            ? 'all'
            : [...resourceNames];
        if (names !== 'all' && (names.length === 0 || !checked.named)) continue;
        const bindings = index.bindingsByRole.get(role.key);
        if (!bindings) continue;
        const scopes: [boolean, IndexedBinding[]][] = [[true, bindings.cluster]];
        // A.3: RoleBindings grant namespaced kinds only, in their namespace.
        if (namespaced) scopes.push([false, bindings.namespaced]);
        for (const [cluster, scoped] of scopes) {
          if (scoped.length === 0) continue;
          const key = [kind, resource, role.key, rule.index, cluster].join('\u0000');
          let draft = drafts.get(key);
          if (!draft) {
            draft = {
              kind,
              verbs: [],
              scope: cluster ? 'cluster' : { namespaces: [...bindings.byNamespace.keys()].sort() },
              names,
              ...grantPathOf(scoped, rule),
              requires: { base: [] },
              definite: [],
              observed: [],
              indexedRole: role,
              effective: rule,
              indexedBindings: scoped,
              needsTierGet,
              qualified: new Set(),
            };
            drafts.set(key, draft);
          }
          if (!draft.verbs.includes(verb)) draft.verbs.push(verb);
        }
      }
    }
  }

  const tierGet = cache.get({
    verb: 'get',
    apiGroup: CALICO_GROUP,
    resource: 'tiers',
    subresource: '',
    namespace: '',
    name: tier,
  });
  const context = new PathContext(
    index,
    tierGet,
    cache,
    mode === 'webhook' && !index.tierNames.includes(tier),
    new Set([...drafts.values()].map((draft) => draft.indexedRole.key)),
  );
  const paths = [...drafts.values()].sort(
    (a, b) =>
      TIERED_KINDS.indexOf(a.kind) - TIERED_KINDS.indexOf(b.kind) ||
      Number(b.scope === 'cluster') - Number(a.scope === 'cluster') ||
      a.indexedRole.key.localeCompare(b.indexedRole.key) ||
      a.effective.index - b.effective.index,
  );
  for (const path of paths) context.evaluate(path);
  return {
    tierGetters: coverList([...tierGet.values()].flat().map((g) => g.subject)),
    paths: paths.map(
      ({ indexedRole: _r, effective: _e, indexedBindings: _b, needsTierGet: _n, qualified: _q, ...path }) => path,
    ),
    qualifiedKeys: paths.map((path) => path.qualified),
  };
}

const hasAny = (keys: readonly string[], grants: SubjectGrants) => keys.some((k) => grants.has(k));

/** Keeps the subjects not covered by a special group of the same list (see WhoCanAnswer). */
export function coverList(subjects: readonly SubjectRef[]): SubjectRef[] {
  const unique = uniqueSubjects(subjects);
  const present = new Set(unique.map(subjectKey));
  return unique.filter((s) => {
    const own = s.kind === 'Group' ? s.name : undefined;
    return !memberIdentity(s).groups.some((g) => g !== own && present.has(`Group:${g}`));
  });
}

interface ObservedKeys {
  username: string;
  groups: string[];
  withGroups: string[];
  alone: string[];
}

interface Tally {
  subject: SubjectRef;
  /** A bit set over the path's verbs. */
  verbs: number;
  namespaces: Set<string>;
}

type Reached = { binding: IndexedBinding } & (
  | { subject: SubjectRef; keys: string[] }
  | { observer: ObservedKeys }
);

/** What one tierEditors or matrix call shares across its paths. */
class PathContext {
  private readonly keysMemo = new Map<string, string[]>();
  private readonly observedMemo = new Map<string, ObservedKeys | undefined>();
  private readonly clusterHolders = new Map<string, Map<string, SubjectRef>>();
  private readonly coveredHolders = new Map<string, SubjectRef[]>();
  /**
   * Bindings reachable by someone who can GET the tier, by role key: every other binding of a
   * tier-verb path yields nobody. Undefined when a special group can GET the tier (then everyone
   * can and bindings are walked one by one).
   */
  private readonly reachedByRole: Map<string, Reached[]> | undefined;

  constructor(
    private readonly index: RbacIndex,
    private readonly tierGet: SubjectGrants,
    private readonly cache: SubjectGrantsCache,
    private readonly blockedByAdmission: boolean,
    pathRoles: ReadonlySet<string>,
  ) {
    if ([...tierGet.keys()].some(isImpliedGroupKey)) return;
    const reached = new Map<string, Reached[]>();
    const add = (keys: readonly string[], make: (binding: IndexedBinding) => Reached) => {
      const seen = new Set<IndexedBinding>();
      for (const key of keys)
        for (const binding of index.bindingsBySubject.get(key) ?? []) {
          if (seen.has(binding) || binding.roleKey === undefined || !pathRoles.has(binding.roleKey)) continue;
          seen.add(binding);
          const list = reached.get(binding.roleKey);
          if (list) list.push(make(binding));
          else reached.set(binding.roleKey, [make(binding)]);
        }
    };
    const getters = new Map<string, SubjectRef>();
    for (const grants of tierGet.values()) for (const g of grants) getters.set(subjectKey(g.subject), g.subject);
    for (const subject of getters.values()) {
      if (memberIdentity(subject).groups.includes(MASTERS)) continue;
      const keys = this.keysOf(subject);
      add(keys, (binding) => ({ binding, subject, keys }));
    }
    for (const username of this.observedCandidates([...tierGet.keys()])) {
      const observed = this.observedKeysOf(username);
      if (observed && hasAny(observed.withGroups, tierGet))
        add(observed.withGroups, (binding) => ({ binding, observer: observed }));
    }
    this.reachedByRole = reached;
  }

  keysOf(subject: SubjectRef): string[] {
    const key = subjectKey(subject);
    let keys = this.keysMemo.get(key);
    if (!keys) this.keysMemo.set(key, (keys = identityMatchKeys(memberIdentity(subject))));
    return keys;
  }

  /** A user's match keys with and without its observed groups; undefined for system:masters members. */
  observedKeysOf(username: string): ObservedKeys | undefined {
    if (this.observedMemo.has(username)) return this.observedMemo.get(username);
    const groups = [...new Set((this.index.membershipsByUser.get(username) ?? []).map((m) => m.group))];
    const keys = groups.includes(MASTERS)
      ? undefined
      : {
          username,
          groups,
          withGroups: identityMatchKeys(normalizeIdentity(username, groups)),
          alone: identityMatchKeys(normalizeIdentity(username, [])),
        };
    this.observedMemo.set(username, keys);
    return keys;
  }

  /** Users named by these match keys or observed in the groups they name. */
  observedCandidates(keys: Iterable<string>): Set<string> {
    const users = new Set<string>();
    for (const key of keys) {
      if (key.startsWith('u:') && this.index.membershipsByUser.has(key.slice(2))) users.add(key.slice(2));
      if (key.startsWith('g:')) for (const u of this.index.membersByGroup.get(key.slice(2)) ?? []) users.add(u);
    }
    return users;
  }

  evaluate<V extends PolicyVerb>(path: PathDraft<V>): void {
    const verbs = path.verbs.filter(
      (verb) => !(this.blockedByAdmission && (verb === 'create' || verb === 'update' || verb === 'patch')),
    );
    // Rule matching ignores the namespace: one lookup per verb and name, bindings scoped per use.
    const bases: RequestGrants[][] = verbs.map((verb) =>
      (isNameless(verb) || path.names === 'all' ? [''] : path.names).map((name) =>
        this.cache.request({ verb, apiGroup: CALICO_GROUP, resource: path.kind, subresource: '', namespace: '', name }),
      ),
    );
    /** The verbs (as a bit set over `verbs`) whose base check these keys pass in the namespace. */
    const baseVerbs = (keys: readonly string[], namespace: string): number => {
      let bits = 0;
      for (let i = 0; i < bases.length; i++)
        for (const base of bases[i] as RequestGrants[])
          if (base.allows(keys, namespace)) {
            bits |= 1 << i;
            break;
          }
      return bits;
    };
    const definite = new Map<string, Tally>();
    const observed = new Map<string, Tally & { viaGroups: Set<string> }>();
    const tally = <T extends Tally>(into: Map<string, T>, key: string, make: () => T, bits: number, namespace: string) => {
      let entry = into.get(key);
      if (!entry) into.set(key, (entry = make()));
      entry.verbs |= bits;
      if (namespace !== '') entry.namespaces.add(namespace);
      return entry;
    };

    const consider = (binding: IndexedBinding, reached: Reached) => {
      const namespace = binding.object.kind === 'ClusterRoleBinding' ? '' : binding.object.namespace;
      const pathKeys = binding.subjectKeys;
      if ('subject' in reached) {
        if (!this.reaches(reached.keys, pathKeys, path.needsTierGet)) return;
        const bits = baseVerbs(reached.keys, namespace);
        if (bits === 0) return;
        const key = subjectKey(reached.subject);
        path.qualified.add(key);
        const subject = reached.subject;
        tally(definite, key, () => ({ subject, verbs: 0, namespaces: new Set<string>() }), bits, namespace);
        return;
      }
      const o = reached.observer;
      if (!this.reaches(o.withGroups, pathKeys, path.needsTierGet)) return;
      let bits = baseVerbs(o.withGroups, namespace);
      if (bits !== 0 && this.reaches(o.alone, pathKeys, path.needsTierGet)) bits &= ~baseVerbs(o.alone, namespace);
      if (bits === 0) return;
      const subject: SubjectRef = { kind: 'User', name: o.username };
      const entry = tally(
        observed,
        `User:${o.username}`,
        () => ({ subject, verbs: 0, namespaces: new Set<string>(), viaGroups: new Set<string>() }),
        bits,
        namespace,
      );
      for (const g of o.groups)
        if (pathKeys.includes(`g:${g}`) || this.tierGet.has(`g:${g}`)) entry.viaGroups.add(g);
    };

    /** Everyone who may pass through one binding: its subjects, observed members, and, through a special group, anyone named by the other checks. */
    const walk = (binding: IndexedBinding) => {
      const namespace = binding.object.kind === 'ClusterRoleBinding' ? '' : binding.object.namespace;
      const candidates = new Map<string, SubjectRef>(binding.object.subjects.map((s) => [subjectKey(s), s]));
      const keys = new Set(binding.subjectKeys);
      if (binding.object.subjects.some(isSpecialGroup)) {
        const others: SubjectGrants[] = [this.tierGet];
        for (const list of bases)
          for (const base of list)
            others.push(base.cluster(), ...(namespace === '' ? [] : [base.inNamespace(namespace)]));
        for (const grants of others)
          for (const [key, granted] of grants) {
            keys.add(key);
            for (const g of granted) candidates.set(subjectKey(g.subject), g.subject);
          }
      }
      for (const subject of candidates.values())
        if (!memberIdentity(subject).groups.includes(MASTERS))
          consider(binding, { binding, subject, keys: this.keysOf(subject) });
      for (const username of this.observedCandidates(keys)) {
        const observer = this.observedKeysOf(username);
        if (observer) consider(binding, { binding, observer });
      }
    };

    const cluster = path.scope === 'cluster';
    if (this.reachedByRole && path.needsTierGet) {
      for (const reached of this.reachedByRole.get(path.indexedRole.key) ?? [])
        if ((reached.binding.object.kind === 'ClusterRoleBinding') === cluster) consider(reached.binding, reached);
      for (const binding of this.specialBindings(path)) walk(binding);
    } else for (const binding of path.indexedBindings) walk(binding);

    const qualifiedGroups = new Set([...definite.keys()].filter((k) => k.startsWith('Group:')));
    const covered = (subject: SubjectRef) => {
      const own = subject.kind === 'Group' ? subject.name : undefined;
      return memberIdentity(subject).groups.some((g) => g !== own && qualifiedGroups.has(`Group:${g}`));
    };
    const ordered = (bits: number) => verbs.filter((_v, i) => bits & (1 << i));
    const scoped = (namespaces: Set<string>) => (cluster ? {} : { namespaces: [...namespaces].sort() });
    path.definite = [...definite.values()]
      .filter((e) => !covered(e.subject))
      .sort((a, b) => compareSubjects(a.subject, b.subject))
      .map((e) => ({
        subject: e.subject,
        description: describeSubject(e.subject),
        verbs: ordered(e.verbs),
        ...scoped(e.namespaces),
      }));
    path.observed = [...observed.values()]
      .filter((e) => !covered(e.subject))
      .sort((a, b) => compareSubjects(a.subject, b.subject))
      .map((e) => ({
        subject: e.subject,
        description: `User ${e.subject.name} (observed in ${[...e.viaGroups].join(', ')})`,
        verbs: ordered(e.verbs),
        viaGroups: [...e.viaGroups],
        ...scoped(e.namespaces),
      }));
    path.requires.base = this.baseHolders(path, [...new Set(bases.flat())]);
  }

  /** Whether these keys reach the binding (its subjects) and, where needed, can GET the tier. */
  private reaches(keys: readonly string[], pathKeys: readonly string[], needsTierGet: boolean): boolean {
    let onPath = false;
    for (const key of keys)
      if (pathKeys.includes(key)) {
        onPath = true;
        break;
      }
    return onPath && (!needsTierGet || hasAny(keys, this.tierGet));
  }

  private specialBindings<V extends string>(path: PathDraft<V>): IndexedBinding[] {
    return path.indexedBindings.filter((binding) => binding.object.subjects.some(isSpecialGroup));
  }

  /** Who holds the base verb in the path's scope, subjects covered by a special group left out. */
  private baseHolders<V extends string>(path: PathDraft<V>, bases: RequestGrants[]): SubjectRef[] {
    const roles = [...new Set(bases.flatMap((base) => base.allowingRoles.map((a) => a.role)))];
    const signature = roles.map((r) => r.key).sort().join('\u0000');
    let cluster = this.clusterHolders.get(signature);
    if (!cluster) {
      const holders = new Map<string, SubjectRef>();
      for (const role of roles)
        for (const binding of this.index.bindingsByRole.get(role.key)?.cluster ?? [])
          for (const subject of binding.object.subjects) holders.set(subjectKey(subject), subject);
      this.clusterHolders.set(signature, (cluster = holders));
    }
    // RoleBinding holders are all covered by system:authenticated unless a binding names the unauthenticated.
    const coveredByAuthenticated = cluster.has('Group:system:authenticated') && !this.index.namesUnauthenticated;
    if (path.scope === 'cluster' || coveredByAuthenticated) {
      let covered = this.coveredHolders.get(signature);
      if (!covered) this.coveredHolders.set(signature, (covered = coverList([...cluster.values()])));
      return covered;
    }
    const holders = new Map(cluster);
    for (const base of bases) base.namespaceSubjects(path.scope.namespaces, holders);
    return coverList([...holders.values()]);
  }
}
