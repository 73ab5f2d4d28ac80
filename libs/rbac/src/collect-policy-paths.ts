import type { EffectiveRule } from './aggregate-cluster-roles';
import { describeSubject } from './describe-answer';
import { getOrCreate } from './get-or-create';
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

/** A user who passes only with the groups it was observed in: evidence, not authority. */
export interface PathObserved<V extends string> extends PathDefinite<V> {
  observed: true;
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
  template: PathTemplate<V>;
  indexedRole: IndexedRole;
  effective: EffectiveRule;
  indexedBindings: readonly IndexedBinding[];
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
  if (mode === 'webhook')
    return {
      verb: admissionVerbOf(verb as Exclude<PolicyVerb, 'get' | 'list' | 'watch'>),
      named: true,
    };
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
  const templates = pathTemplates(index, mode, verbs);
  const drafts: PathDraft<V>[] = [];
  for (const template of [...templates.general, ...(templates.byTier.get(tier) ?? [])]) {
    const names = template.needsTierGet
      ? namesFor(template.effective.rule.resourceNames, tier)
      : template.effective.rule.resourceNames.length === 0
        ? 'all'
        : [...template.effective.rule.resourceNames];
    if (names !== 'all' && names.length === 0) continue;
    const pathVerbs = template.verbs.filter((verb) => names === 'all' || template.named.has(verb));
    if (pathVerbs.length === 0) continue;
    drafts.push({
      kind: template.kind,
      verbs: pathVerbs,
      scope: template.scope,
      names,
      ...template.grantPath,
      requires: { base: [] },
      definite: [],
      observed: [],
      template,
      indexedRole: template.role,
      effective: template.effective,
      indexedBindings: template.bindings,
      needsTierGet: template.needsTierGet,
      qualified: new Set(),
    });
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
    new Set(drafts.map((draft) => draft.indexedRole.key)),
    templates as PathTemplates<string>,
  );
  // Templates come sorted: the general ones, then the tier's own; order those by kind and scope.
  const paths = drafts.sort(
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
      ({
        indexedRole: _r,
        effective: _e,
        indexedBindings: _b,
        needsTierGet: _n,
        qualified: _q,
        ...path
      }) => path,
    ),
    qualifiedKeys: paths.map((path) => path.qualified),
  };
}

/** A path as far as it does not depend on the tier: memoised per index, mode and verbs. */
interface PathTemplate<V extends string> {
  kind: TieredKind;
  needsTierGet: boolean;
  role: IndexedRole;
  effective: EffectiveRule;
  scope: Scope;
  bindings: readonly IndexedBinding[];
  grantPath: GrantPath;
  /** The verbs the rule grants, in the order asked. */
  verbs: V[];
  /** The verbs a name-restricted form of the rule can still grant. */
  named: Set<V>;
  /** Bindings naming a special group: walked one by one. */
  specialBindings: readonly IndexedBinding[];
  /** Base lookups and holders by verbs and names: tier-independent, computed once. */
  bases: Map<string, BaseMemo>;
}

interface BaseMemo {
  bases: RequestGrants[][];
  holders?: SubjectRef[];
}

interface PathTemplates<V extends string> {
  /** Rules without resourceNames or naming exact policies: paths for every tier. */
  general: PathTemplate<V>[];
  /** Rules naming only `<tier>.*` entries: paths for those tiers. */
  byTier: Map<string, PathTemplate<V>[]>;
}

const templatesMemo = new WeakMap<RbacIndex, Map<string, PathTemplates<string>>>();

function pathTemplates<V extends PolicyVerb>(
  index: RbacIndex,
  mode: RbacMode,
  verbs: readonly V[],
): PathTemplates<V> {
  const memo = getOrCreate(templatesMemo, index, () => new Map<string, PathTemplates<string>>());
  const memoKey = `${mode} ${verbs.join(',')}`;
  const known = memo.get(memoKey);
  if (known) return known as PathTemplates<V>;

  const byKey = new Map<string, PathTemplate<V>>();
  for (const kind of TIERED_KINDS) {
    const namespaced = isNamespacedKind(kind);
    for (const verb of verbs) {
      // B.7: in webhook mode reads are plain RBAC on the kind itself.
      const needsTierGet = !(mode === 'webhook' && isRead(verb));
      const checked = tierCheckedVerb(mode, verb);
      const resource = needsTierGet ? `tier.${kind}` : kind;
      for (const { role, rule } of findGrantingRules(index, checked.verb, CALICO_GROUP, resource)) {
        const bindings = index.bindingsByRole.get(role.key);
        if (!bindings) continue;
        const scopes: [boolean, readonly IndexedBinding[]][] = [[true, bindings.cluster]];
        // A.3: RoleBindings grant namespaced kinds only, in their namespace.
        if (namespaced) scopes.push([false, bindings.namespaced]);
        for (const [cluster, scoped] of scopes) {
          if (scoped.length === 0) continue;
          const key = [kind, resource, role.key, rule.index, cluster].join('\u0000');
          let template = byKey.get(key);
          if (!template) {
            template = {
              kind,
              needsTierGet,
              role,
              effective: rule,
              scope: cluster ? 'cluster' : { namespaces: [...bindings.byNamespace.keys()].sort() },
              bindings: scoped,
              grantPath: grantPathOf(scoped, rule),
              verbs: [],
              named: new Set(),
              specialBindings: scoped.filter((binding) =>
                binding.object.subjects.some(isSpecialGroup),
              ),
              bases: new Map(),
            };
            byKey.set(key, template);
          }
          if (!template.verbs.includes(verb)) template.verbs.push(verb);
          if (checked.named) template.named.add(verb);
        }
      }
    }
  }
  const templates: PathTemplates<V> = { general: [], byTier: new Map() };
  for (const template of byKey.values()) {
    const names = template.effective.rule.resourceNames;
    if (
      names.length === 0 ||
      names.some((name) => name !== '' && !name.includes('*')) ||
      !template.needsTierGet
    ) {
      templates.general.push(template);
      continue;
    }
    for (const name of names) {
      if (!name.endsWith('.*')) continue;
      const tier = name.slice(0, -2);
      const list = templates.byTier.get(tier);
      if (list) list.push(template);
      else templates.byTier.set(tier, [template]);
    }
  }
  memo.set(memoKey, templates as PathTemplates<string>);
  return templates;
}

const templateRolesMemo = new WeakMap<PathTemplates<string>, Set<string>>();

/** Every role some template of the set uses, whatever the tier. */
function rolesOf(templates: PathTemplates<string>): Set<string> {
  return getOrCreate(templateRolesMemo, templates, () => {
    const roles = new Set<string>();
    for (const template of templates.general) roles.add(template.role.key);
    for (const list of templates.byTier.values())
      for (const template of list) roles.add(template.role.key);
    return roles;
  });
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
  /** Only for RoleBinding paths. */
  namespaces?: Set<string>;
}

type Reached = { binding: IndexedBinding } & (
  | { subject: SubjectRef; keys: string[] }
  | { observer: ObservedKeys }
);

/** What one tierEditors or matrix call shares across its paths. */
/** What PathContext learns about an index that no tier changes: identities' keys, relevant bindings. */
interface IndexMemo {
  keys: Map<string, string[]>;
  observed: Map<string, ObservedKeys | undefined>;
  /** Per template set: match key → its bindings to a role some path template uses. */
  policyBindings: Map<PathTemplates<string>, Map<string, readonly IndexedBinding[]>>;
}

const indexMemos = new WeakMap<RbacIndex, IndexMemo>();

class PathContext {
  private readonly keysMemo: Map<string, string[]>;
  private readonly observedMemo: Map<string, ObservedKeys | undefined>;
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
    templates: PathTemplates<string>,
  ) {
    const memo = getOrCreate(indexMemos, index, () => ({
      keys: new Map(),
      observed: new Map(),
      policyBindings: new Map(),
    }));
    this.keysMemo = memo.keys;
    this.observedMemo = memo.observed;
    if ([...tierGet.keys()].some(isImpliedGroupKey)) return;
    const relevant = getOrCreate(memo.policyBindings, templates, () => new Map());
    const templateRoles = rolesOf(templates);
    const bindingsOf = (key: string) =>
      getOrCreate(relevant, key, () =>
        (index.bindingsBySubject.get(key) ?? []).filter(
          (binding) => binding.roleKey !== undefined && templateRoles.has(binding.roleKey),
        ),
      );
    const reached = new Map<string, Reached[]>();
    const add = (keys: readonly string[], make: (binding: IndexedBinding) => Reached) => {
      const seen = new Set<IndexedBinding>();
      for (const key of keys)
        for (const binding of bindingsOf(key)) {
          if (seen.has(binding) || binding.roleKey === undefined || !pathRoles.has(binding.roleKey))
            continue;
          seen.add(binding);
          const list = reached.get(binding.roleKey);
          if (list) list.push(make(binding));
          else reached.set(binding.roleKey, [make(binding)]);
        }
    };
    const getters = new Map<string, SubjectRef>();
    for (const grants of tierGet.values())
      for (const g of grants) getters.set(subjectKey(g.subject), g.subject);
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
    return getOrCreate(this.keysMemo, key, () => identityMatchKeys(memberIdentity(subject)));
  }

  /** A user's match keys with and without its observed groups; undefined for system:masters members. */
  observedKeysOf(username: string): ObservedKeys | undefined {
    if (this.observedMemo.has(username)) return this.observedMemo.get(username);
    const groups = [
      ...new Set((this.index.membershipsByUser.get(username) ?? []).map((m) => m.group)),
    ];
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
      if (key.startsWith('u:') && this.index.membershipsByUser.has(key.slice(2)))
        users.add(key.slice(2));
      if (key.startsWith('g:'))
        for (const u of this.index.membersByGroup.get(key.slice(2)) ?? []) users.add(u);
    }
    return users;
  }

  evaluate<V extends PolicyVerb>(path: PathDraft<V>): void {
    const verbs = path.verbs.filter(
      (verb) =>
        !(this.blockedByAdmission && (verb === 'create' || verb === 'update' || verb === 'patch')),
    );
    const cluster = path.scope === 'cluster';
    const fast = this.reachedByRole !== undefined && path.needsTierGet;
    const reachedHere = fast ? (this.reachedByRole?.get(path.indexedRole.key) ?? []) : [];
    // Rule matching ignores the namespace: one lookup per verb and name, bindings scoped per use.
    const baseMemo = getOrCreate(
      path.template.bases,
      `${verbs.join(',')} ${path.names === 'all' ? '' : path.names.join(',')}`,
      (): BaseMemo => ({
        bases: verbs.map((verb) =>
          (isNameless(verb) || path.names === 'all' ? [''] : path.names).map((name) =>
            this.cache.request({
              verb,
              apiGroup: CALICO_GROUP,
              resource: path.kind,
              subresource: '',
              namespace: '',
              name,
            }),
          ),
        ),
      }),
    );
    const bases = baseMemo.bases;
    if (fast && reachedHere.length === 0 && path.template.specialBindings.length === 0) {
      // Nobody who can GET the tier reaches this path's bindings.
      baseMemo.holders ??= this.baseHolders(path, [...new Set(bases.flat())]);
      path.requires.base = baseMemo.holders;
      return;
    }
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
    const tally = <T extends Tally>(
      into: Map<string, T>,
      key: string,
      make: () => T,
      bits: number,
      namespace: string,
    ) => {
      const entry = getOrCreate(into, key, make);
      entry.verbs |= bits;
      if (namespace !== '') {
        entry.namespaces ??= new Set();
        entry.namespaces.add(namespace);
      }
      return entry;
    };

    const consider = (binding: IndexedBinding, reached: Reached) => {
      const namespace =
        binding.object.kind === 'ClusterRoleBinding' ? '' : binding.object.namespace;
      const pathKeys = binding.subjectKeys;
      if ('subject' in reached) {
        if (!this.reaches(reached.keys, pathKeys, path.needsTierGet)) return;
        const bits = baseVerbs(reached.keys, namespace);
        if (bits === 0) return;
        const key = subjectKey(reached.subject);
        path.qualified.add(key);
        const subject = reached.subject;
        tally(definite, key, (): Tally => ({ subject, verbs: 0 }), bits, namespace);
        return;
      }
      const o = reached.observer;
      if (!this.reaches(o.withGroups, pathKeys, path.needsTierGet)) return;
      let bits = baseVerbs(o.withGroups, namespace);
      if (bits !== 0 && this.reaches(o.alone, pathKeys, path.needsTierGet))
        bits &= ~baseVerbs(o.alone, namespace);
      if (bits === 0) return;
      const subject: SubjectRef = { kind: 'User', name: o.username };
      const entry = tally(
        observed,
        `User:${o.username}`,
        (): Tally & { viaGroups: Set<string> } => ({
          subject,
          verbs: 0,
          viaGroups: new Set<string>(),
        }),
        bits,
        namespace,
      );
      for (const g of o.groups)
        if (pathKeys.includes(`g:${g}`) || this.tierGet.has(`g:${g}`)) entry.viaGroups.add(g);
    };

    /** Everyone who may pass through one binding: its subjects, observed members, and, through a special group, anyone named by the other checks. */
    const walk = (binding: IndexedBinding) => {
      const namespace =
        binding.object.kind === 'ClusterRoleBinding' ? '' : binding.object.namespace;
      const candidates = new Map<string, SubjectRef>(
        binding.object.subjects.map((s) => [subjectKey(s), s]),
      );
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

    if (fast) {
      for (const reached of reachedHere)
        if ((reached.binding.object.kind === 'ClusterRoleBinding') === cluster)
          consider(reached.binding, reached);
      for (const binding of path.template.specialBindings) walk(binding);
    } else for (const binding of path.indexedBindings) walk(binding);

    const qualifiedGroups = new Set([...definite.keys()].filter((k) => k.startsWith('Group:')));
    const covered = (subject: SubjectRef) => {
      const own = subject.kind === 'Group' ? subject.name : undefined;
      return memberIdentity(subject).groups.some(
        (g) => g !== own && qualifiedGroups.has(`Group:${g}`),
      );
    };
    const ordered = (bits: number) => verbs.filter((_v, i) => bits & (1 << i));
    const scoped = (namespaces: Set<string> = new Set()) =>
      cluster ? {} : { namespaces: [...namespaces].sort() };
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
        observed: true as const,
        verbs: ordered(e.verbs),
        viaGroups: [...e.viaGroups],
        ...scoped(e.namespaces),
      }));
    baseMemo.holders ??= this.baseHolders(path, [...new Set(bases.flat())]);
    path.requires.base = baseMemo.holders;
  }

  /** Whether these keys reach the binding (its subjects) and, where needed, can GET the tier. */
  private reaches(
    keys: readonly string[],
    pathKeys: readonly string[],
    needsTierGet: boolean,
  ): boolean {
    let onPath = false;
    for (const key of keys)
      if (pathKeys.includes(key)) {
        onPath = true;
        break;
      }
    return onPath && (!needsTierGet || hasAny(keys, this.tierGet));
  }

  /** Who holds the base verb in the path's scope, subjects covered by a special group left out. */
  private baseHolders<V extends string>(path: PathDraft<V>, bases: RequestGrants[]): SubjectRef[] {
    const roles = [...new Set(bases.flatMap((base) => base.allowingRoles.map((a) => a.role)))];
    const signature = roles
      .map((r) => r.key)
      .sort()
      .join('\u0000');
    let cluster = this.clusterHolders.get(signature);
    if (!cluster) {
      const holders = new Map<string, SubjectRef>();
      for (const role of roles)
        for (const binding of this.index.bindingsByRole.get(role.key)?.cluster ?? [])
          for (const subject of binding.object.subjects) holders.set(subjectKey(subject), subject);
      cluster = holders;
      this.clusterHolders.set(signature, cluster);
    }
    // RoleBinding holders are all covered by system:authenticated unless a binding names the unauthenticated.
    const coveredByAuthenticated =
      cluster.has('Group:system:authenticated') && !this.index.namesUnauthenticated;
    if (path.scope === 'cluster' || coveredByAuthenticated) {
      const holders = cluster;
      return getOrCreate(this.coveredHolders, signature, () => coverList([...holders.values()]));
    }
    const holders = new Map(cluster);
    for (const base of bases) base.namespaceSubjects(path.scope.namespaces, holders);
    return coverList([...holders.values()]);
  }
}
