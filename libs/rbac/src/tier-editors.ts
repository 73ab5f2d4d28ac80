import type { EffectiveRule } from './aggregate-cluster-roles';
import { dedupeGrants, grantKey } from './can-i';
import { collectPolicyPaths, type PolicyPath, type Scope } from './collect-policy-paths';
import { describeSubject } from './describe-answer';
import { getOrCreate } from './get-or-create';
import { MASTERS } from './normalize-identity';
import { planDecision, type RbacMode } from './plan-decision';
import {
  CALICO_CRD_GROUP,
  CALICO_GROUP,
  DEFAULT_TIER,
  EDIT_VERBS,
  PROTECTED_TIERS,
  RBAC_GROUP,
  TIER_OBJECT_VERBS,
  TIERED_KINDS,
  type TierObjectVerb,
} from './policy-kinds';
import {
  type IndexedBinding,
  type RbacIndex,
  roleKeyOf,
  subjectKey,
  subjectMatchKey,
} from './rbac-index';
import type { SubjectRef } from './rbac-snapshot';
import {
  findGrantingRules,
  type Grant,
  type GrantPath,
  grantOf,
  grantPathOf,
} from './visit-rules-for';
import { compareSubjects, SubjectGrantsCache, uniqueSubjects } from './who-can';

export type PathVerb = 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
export const PATH_VERBS: readonly PathVerb[] = [
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
];

export interface TierObjectEditor {
  subject: SubjectRef;
  description: string;
  /** What RBAC grants on the Tier object. */
  verbs: TierObjectVerb[];
  /** What survives admission: nothing for a protected tier. */
  effectiveVerbs: TierObjectVerb[];
  via: Grant[];
}

/** A grant path to the tier's policies for the edit verbs (see PolicyPath). */
export type PolicyEditPath = PolicyPath<PathVerb>;

/** A plain-RBAC grant path to Kubernetes NetworkPolicies or StagedKubernetesNetworkPolicies. */
export interface NonTieredEditPath extends GrantPath {
  resource: string;
  verbs: PathVerb[];
  scope: Scope;
  names: 'all' | string[];
  subjects: SubjectRef[];
}

export type IndirectPath =
  | 'escalate'
  | 'bind'
  | 'rbac-write'
  | 'impersonate'
  | 'crd-write'
  | 'webhook-write'
  | 'system:masters';

export interface IndirectEditor {
  subject: SubjectRef;
  description: string;
  path: IndirectPath;
  /** What the subject can act on: roles it can escalate or bind, bindings it can write, identities it can impersonate. */
  targets: string[];
  via: Grant[];
  observed?: boolean;
}

export interface TierEditorsAnswer {
  tier: string;
  exists: boolean;
  protected: boolean;
  tierObject: TierObjectEditor[];
  /** Who can GET the tier (condition 1 of B.8 Q1, shared by every policy path). */
  tierGetters: SubjectRef[];
  policies: PolicyEditPath[];
  /** Only for the default tier: Kubernetes NetworkPolicy and StagedKubernetesNetworkPolicy editors. */
  nonTiered?: NonTieredEditPath[];
  indirect: IndirectEditor[];
  caveats: string[];
}

const NON_TIERED = [
  { apiGroup: 'networking.k8s.io', resource: 'networkpolicies', namespaced: true },
  { apiGroup: CALICO_GROUP, resource: 'stagedkubernetesnetworkpolicies', namespaced: true },
] as const;

/** B.8 Q3: who can edit a tier's policies and the tier itself, directly and indirectly, and the caveats. */
export function tierEditors(index: RbacIndex, mode: RbacMode, tier: string): TierEditorsAnswer {
  // Validates the tier name the same way a query does.
  planDecision(
    { verb: 'get', resource: `tiers.${CALICO_GROUP}`, name: tier, tier },
    mode,
    index.tierNames,
  );
  const cache = SubjectGrantsCache.of(index);
  const exists = index.tierNames.includes(tier);
  const isProtected = PROTECTED_TIERS.has(tier);

  const { tierGetters, paths: policies } = collectPolicyPaths(index, mode, tier, PATH_VERBS, cache);
  const tierObject = collectTierObjectEditors(cache, tier, isProtected);
  const answer: TierEditorsAnswer = {
    tier,
    exists,
    protected: isProtected,
    tierObject,
    tierGetters,
    policies,
    indirect: [],
    caveats: [],
  };
  if (tier === DEFAULT_TIER) answer.nonTiered = collectNonTiered(index);
  answer.indirect = collectIndirect(index, mode, answer);
  answer.caveats = collectCaveats(index, mode, answer);
  return answer;
}

function scopeOf(binding: IndexedBinding, namespaced: boolean): Scope | undefined {
  if (binding.object.kind === 'ClusterRoleBinding') return 'cluster';
  return namespaced ? { namespaces: [binding.object.namespace] } : undefined;
}

function collectTierObjectEditors(
  cache: SubjectGrantsCache,
  tier: string,
  isProtected: boolean,
): TierObjectEditor[] {
  const editors = new Map<string, TierObjectEditor>();
  for (const verb of TIER_OBJECT_VERBS) {
    const grants = cache.get({
      verb,
      apiGroup: CALICO_GROUP,
      resource: 'tiers',
      subresource: '',
      namespace: '',
      name: tier,
    });
    for (const grant of [...grants.values()].flat()) {
      const key = subjectKey(grant.subject);
      let editor = editors.get(key);
      if (!editor) {
        editor = {
          subject: grant.subject,
          description: describeSubject(grant.subject),
          verbs: [],
          effectiveVerbs: [],
          via: [],
        };
        editors.set(key, editor);
      }
      if (!editor.verbs.includes(verb)) {
        editor.verbs.push(verb);
        if (!isProtected) editor.effectiveVerbs.push(verb);
      }
      editor.via = dedupeGrants([...editor.via, grant]);
    }
  }
  return [...editors.values()].sort((a, b) => compareSubjects(a.subject, b.subject));
}

function collectNonTiered(index: RbacIndex): NonTieredEditPath[] {
  const paths = new Map<string, NonTieredEditPath & { indexed: IndexedBinding[] }>();
  for (const target of NON_TIERED) {
    const resource = `${target.resource}.${target.apiGroup}`;
    for (const verb of PATH_VERBS) {
      for (const { role, rule } of findGrantingRules(
        index,
        verb,
        target.apiGroup,
        target.resource,
      )) {
        const names: 'all' | string[] =
          rule.rule.resourceNames.length === 0 ? 'all' : [...rule.rule.resourceNames];
        if (names !== 'all' && (verb === 'create' || verb === 'deletecollection')) continue;
        const bindings = index.bindingsByRole.get(role.key);
        if (!bindings) continue;
        const scopes: [boolean, IndexedBinding[]][] = [
          [true, bindings.cluster],
          [false, bindings.namespaced],
        ];
        for (const [cluster, scoped] of scopes) {
          if (scoped.length === 0) continue;
          const key = [resource, role.key, rule.index, cluster].join('\u0000');
          let path = paths.get(key);
          if (!path) {
            path = {
              resource,
              verbs: [],
              scope: cluster ? 'cluster' : { namespaces: [...bindings.byNamespace.keys()].sort() },
              names,
              ...grantPathOf(scoped, rule),
              subjects: uniqueSubjects(scoped.flatMap((b) => b.object.subjects)),
              indexed: scoped,
            };
            paths.set(key, path);
          }
          if (!path.verbs.includes(verb)) path.verbs.push(verb);
        }
      }
    }
  }
  return [...paths.values()].map(({ indexed: _indexed, ...path }) => path);
}

interface IndirectProbe {
  path: IndirectPath;
  verbs: readonly string[];
  apiGroup: string;
  resources: readonly string[];
  namespaced: (resource: string) => boolean;
  /** Keeps only grants that matter for this tier; returns the target in words. */
  relevant: (resource: string, names: readonly string[]) => string | undefined;
}

interface IndirectCandidate {
  /** Index into the probes: their relevance tests are per call, the scan is not. */
  probe: number;
  resource: string;
  rule: EffectiveRule;
  namespace: string;
  subjects: { subject: SubjectRef; key: string; grant: Grant; grantId: string }[];
}

const indirectMemo = new WeakMap<RbacIndex, Map<string, IndirectCandidate[]>>();

/** Every binding granting a probe's verb on its resources, with its chains: tier-independent, memoised per index. */
function indirectCandidates(
  index: RbacIndex,
  probes: readonly IndirectProbe[],
): IndirectCandidate[] {
  const memo = getOrCreate(indirectMemo, index, () => new Map<string, IndirectCandidate[]>());
  const memoKey = probes.map((p) => `${p.path}:${p.apiGroup}:${p.resources.join(',')}`).join(' ');
  const known = memo.get(memoKey);
  if (known) return known;
  const out: IndirectCandidate[] = [];
  probes.forEach((probe, probeIndex) => {
    for (const resource of probe.resources)
      for (const verb of probe.verbs)
        for (const { role, rule } of findGrantingRules(index, verb, probe.apiGroup, resource))
          for (const binding of index.bindingsByRole.get(role.key)?.all ?? []) {
            if (!scopeOf(binding, probe.namespaced(resource))) continue;
            const namespace = binding.object.kind === 'RoleBinding' ? binding.object.namespace : '';
            if (
              probe.path === 'webhook-write' &&
              resource === 'deployments' &&
              namespace !== '' &&
              namespace !== 'calico-system'
            )
              continue;
            out.push({
              probe: probeIndex,
              resource,
              rule,
              namespace,
              subjects: binding.object.subjects.map((subject) => {
                const grant = grantOf(subject, binding, rule);
                return { subject, key: subjectKey(subject), grant, grantId: grantKey(grant) };
              }),
            });
          }
  });
  memo.set(memoKey, out);
  return out;
}

function collectIndirect(
  index: RbacIndex,
  mode: RbacMode,
  answer: TierEditorsAnswer,
): IndirectEditor[] {
  // Roles that hand out this tier's access, and a way to ask whether a name is one of its editors
  // (bound to such a role, or to the tier object) without listing every bound subject.
  const relevantRoles = new Set<string>();
  const relevantRoleKeys = new Set<string>();
  for (const path of answer.policies) {
    relevantRoles.add(path.role.name);
    relevantRoleKeys.add(roleKeyOf(path.role.kind, path.role.namespace ?? '', path.role.name));
  }
  for (const e of answer.tierObject)
    for (const g of e.via) {
      relevantRoles.add(g.role.name);
      relevantRoleKeys.add(roleKeyOf(g.role.kind, g.role.namespace ?? '', g.role.name));
    }
  const isEditorKey = (matchKey: string) =>
    (index.bindingsBySubject.get(matchKey) ?? []).some(
      (binding) => binding.roleKey !== undefined && relevantRoleKeys.has(binding.roleKey),
    );
  const editorNames = {
    User: { size: relevantRoleKeys.size, has: (name: string) => isEditorKey(`u:${name}`) },
    Group: { size: relevantRoleKeys.size, has: (name: string) => isEditorKey(`g:${name}`) },
    ServiceAccount: {
      size: relevantRoleKeys.size,
      has: (name: string) =>
        index.universe.some(
          (s) => s.kind === 'ServiceAccount' && s.name === name && isEditorKey(subjectMatchKey(s)),
        ),
    },
  };
  const anyOrNamed = (
    noun: string,
    names: readonly string[],
    wanted: { size: number; has: (name: string) => boolean },
  ) => {
    if (names.length === 0) return wanted.size > 0 ? `any ${noun}` : undefined;
    const hits = names.filter((n) => wanted.has(n));
    return hits.length > 0 ? `${noun} ${hits.join(', ')}` : undefined;
  };
  const named = (noun: string, names: readonly string[]) =>
    names.length === 0 ? `any ${noun}` : `${noun} ${names.join(', ')}`;
  const rbacResources = ['roles', 'clusterroles'];
  const probes: IndirectProbe[] = [
    {
      path: 'escalate',
      verbs: ['escalate'],
      apiGroup: RBAC_GROUP,
      resources: rbacResources,
      namespaced: (r) => r === 'roles',
      relevant: (r, names) => named(r === 'roles' ? 'Role' : 'ClusterRole', names),
    },
    {
      path: 'bind',
      verbs: ['bind'],
      apiGroup: RBAC_GROUP,
      resources: rbacResources,
      namespaced: (r) => r === 'roles',
      relevant: (r, names) =>
        anyOrNamed(r === 'roles' ? 'Role' : 'ClusterRole', names, relevantRoles),
    },
    {
      path: 'rbac-write',
      verbs: ['create', 'update', 'patch'],
      apiGroup: RBAC_GROUP,
      resources: ['rolebindings', 'clusterrolebindings', ...rbacResources],
      namespaced: (r) => r === 'roles' || r === 'rolebindings',
      relevant: (r, names) => named(r, names),
    },
    {
      path: 'impersonate',
      verbs: ['impersonate'],
      apiGroup: '',
      resources: ['users', 'groups', 'serviceaccounts'],
      namespaced: (r) => r === 'serviceaccounts',
      relevant: (r, names) =>
        r === 'users'
          ? anyOrNamed('user', names, editorNames.User)
          : r === 'groups'
            ? anyOrNamed('group', names, editorNames.Group)
            : anyOrNamed('service account', names, editorNames.ServiceAccount),
    },
  ];
  if (mode === 'apiserver')
    probes.push({
      path: 'crd-write',
      verbs: ['create', 'update', 'patch', 'delete'],
      apiGroup: CALICO_CRD_GROUP,
      resources: [...TIERED_KINDS, 'tiers'],
      namespaced: (r) => r === 'networkpolicies' || r === 'stagednetworkpolicies',
      relevant: (r, names) => named(`${r}.${CALICO_CRD_GROUP}`, names),
    });
  else
    probes.push(
      {
        path: 'webhook-write',
        verbs: ['update', 'patch', 'delete'],
        apiGroup: 'admissionregistration.k8s.io',
        resources: ['validatingwebhookconfigurations'],
        namespaced: () => false,
        relevant: (r, names) => named(r, names),
      },
      {
        path: 'webhook-write',
        verbs: ['update', 'patch'],
        apiGroup: 'apps',
        resources: ['deployments'],
        namespaced: () => true,
        relevant: (_r, names) =>
          names.length === 0 || names.includes('calico-webhooks')
            ? 'Deployment calico-system/calico-webhooks'
            : undefined,
      },
    );

  // Subjects that already edit every kind directly, cluster-wide, any name, gain nothing indirectly.
  const full = new Map<string, number>();
  for (const path of answer.policies)
    if (path.scope === 'cluster' && path.names === 'all')
      for (const d of path.definite)
        if (EDIT_VERBS.every((v) => d.verbs.includes(v)))
          full.set(
            subjectKey(d.subject),
            (full.get(subjectKey(d.subject)) ?? 0) | (1 << TIERED_KINDS.indexOf(path.kind)),
          );
  const isFullEditor = (subject: SubjectRef) =>
    full.get(subjectKey(subject)) === (1 << TIERED_KINDS.length) - 1;

  const out = new Map<string, IndirectEditor & { grantKeys: Set<string> }>();
  for (const item of indirectCandidates(index, probes)) {
    const probe = probes[item.probe] as IndirectProbe;
    const target = probe.relevant(item.resource, item.rule.rule.resourceNames);
    if (target === undefined) continue;
    const targetWhere = item.namespace === '' ? target : `${target} in namespace ${item.namespace}`;
    for (const { subject, key: subjectId, grant, grantId } of item.subjects) {
      if (isFullEditor(subject)) continue;
      const key = `${subjectId}\u0000${probe.path}`;
      let entry = out.get(key);
      if (!entry) {
        entry = {
          subject,
          description: describeSubject(subject),
          path: probe.path,
          targets: [],
          via: [],
          grantKeys: new Set(),
        };
        out.set(key, entry);
      }
      if (!entry.targets.includes(targetWhere)) entry.targets.push(targetWhere);
      if (!entry.grantKeys.has(grantId)) {
        entry.grantKeys.add(grantId);
        entry.via.push(grant);
      }
    }
  }
  const masters: SubjectRef = { kind: 'Group', name: MASTERS };
  const observedMasters: IndirectEditor[] = (index.membersByGroup.get(MASTERS) ?? []).map(
    (username) => {
      const seen = (index.membershipsByUser.get(username) ?? []).filter((m) => m.group === MASTERS);
      const first = seen.map((m) => m.firstSeen).sort()[0];
      const last = seen
        .map((m) => m.lastSeen)
        .sort()
        .at(-1);
      return {
        subject: { kind: 'User', name: username },
        description: `User ${username} (observed in system:masters ${first} – ${last})`,
        path: 'system:masters',
        targets: ['everything, outside RBAC'],
        via: [],
        observed: true,
      };
    },
  );
  const order: IndirectPath[] = [
    'system:masters',
    'escalate',
    'bind',
    'rbac-write',
    'impersonate',
    'crd-write',
    'webhook-write',
  ];
  return [
    {
      subject: masters,
      description: describeSubject(masters),
      path: 'system:masters',
      targets: ['everything, outside RBAC'],
      via: [],
    },
    ...observedMasters,
    ...[...out.values()]
      .sort(
        (a, b) =>
          order.indexOf(a.path) - order.indexOf(b.path) || compareSubjects(a.subject, b.subject),
      )
      .map(({ grantKeys: _keys, ...entry }) => entry),
  ];
}

const windows = new WeakMap<RbacIndex, { first?: string; last?: string }>();

/** The earliest and latest observation of any membership. */
function observationWindow(index: RbacIndex): { first?: string; last?: string } {
  return getOrCreate(windows, index, () => {
    const all = [...index.membershipsByUser.values()].flat();
    const window: { first?: string; last?: string } = {};
    const first = all.map((m) => m.firstSeen).sort()[0];
    const last = all
      .map((m) => m.lastSeen)
      .sort()
      .at(-1);
    if (first !== undefined) window.first = first;
    if (last !== undefined) window.last = last;
    return window;
  });
}

function collectCaveats(index: RbacIndex, mode: RbacMode, answer: TierEditorsAnswer): string[] {
  const caveats: string[] = [];
  if (index.membershipsByUser.size === 0)
    caveats.push(
      'group membership unknown: groups are listed as groups; their members cannot be named without a directory',
    );
  else {
    const { first, last } = observationWindow(index);
    caveats.push(
      `group members are observed in audit events (${first} – ${last}), not read from a directory: observed entries are not authoritative`,
    );
  }
  caveats.push(
    'ClusterRole aggregation is assumed converged (offline union of the label-selected roles); a live cluster may lag by one reconcile',
  );
  if (mode === 'apiserver')
    caveats.push(
      'deletecollection: on Calico ≤ v3.32 it appears to be gated by the base check only [inferred]; paths here follow current master',
    );
  else
    caveats.push(
      'webhook mode: reads (get/list/watch) are not tier-checked, patch is checked as update, create carries the policy name; the tier must exist',
    );
  caveats.push(
    'policy names are literal (v3.32+): a named grant covers the policy of exactly that name in whatever tier it is; on v3.29–3.31 the tier came from the name prefix',
  );
  if (answer.protected)
    caveats.push(
      `tier "${answer.tier}" is protected: nobody can delete it or change its order/defaultAction, whatever RBAC grants`,
    );
  if (!answer.exists) caveats.push(`tier "${answer.tier}" is not in the snapshot`);
  caveats.push(
    'other authorizers (Node, webhook, ABAC) are out of scope; system:masters members are allowed outside RBAC',
  );
  for (const warning of index.warnings) caveats.push(warning);
  return caveats;
}
