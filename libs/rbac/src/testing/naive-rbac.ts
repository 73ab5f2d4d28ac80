/**
 * A deliberately naive second implementation of the spec (tier-rbac.md A.2–A.5, B.5, B.7, B.8 Q3),
 * written straight from its pseudo-code: plain loops over every binding and rule, no CASL, no
 * indexes, no caches. Differential tests and the bench compare the engine against it.
 */
import { parseResourceRef } from '../parse-resource-ref';
import type {
  BindingObject,
  LabelSelector,
  PolicyRule,
  RbacSnapshot,
  RoleObject,
  SubjectRef,
} from '../rbac-snapshot';

export type NaiveMode = 'apiserver' | 'webhook';

export interface NaiveQuery {
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
  tier?: string;
  newTier?: string;
}

interface Attrs {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

interface Who {
  user: string | null;
  groups: string[];
}

const TIERED: Record<string, boolean> = {
  networkpolicies: true,
  globalnetworkpolicies: false,
  stagednetworkpolicies: true,
  stagedglobalnetworkpolicies: false,
};
const CLUSTER_SCOPED_PLAIN = [
  'tiers.projectcalico.org',
  'globalnetworksets.projectcalico.org',
  'tier.globalnetworkpolicies.projectcalico.org',
  'tier.stagedglobalnetworkpolicies.projectcalico.org',
  'tiers.crd.projectcalico.org',
  'globalnetworkpolicies.crd.projectcalico.org',
  'stagedglobalnetworkpolicies.crd.projectcalico.org',
  'clusterroles.rbac.authorization.k8s.io',
  'clusterrolebindings.rbac.authorization.k8s.io',
  'namespaces',
  'nodes',
  'persistentvolumes',
  'users',
  'groups',
  'customresourcedefinitions.apiextensions.k8s.io',
  'validatingwebhookconfigurations.admissionregistration.k8s.io',
  'mutatingwebhookconfigurations.admissionregistration.k8s.io',
  'validatingadmissionpolicies.admissionregistration.k8s.io',
  'adminnetworkpolicies.policy.networking.k8s.io',
  'baselineadminnetworkpolicies.policy.networking.k8s.io',
];

// ---- A.2
function normalize(user: string | null, groups: readonly string[]): Who {
  const out: string[] = [];
  for (const g of groups) if (!out.includes(g)) out.push(g);
  if (user?.startsWith('system:serviceaccount:')) {
    const parts = user.split(':');
    if (parts.length === 4 && parts[2] !== '' && parts[3] !== '') {
      if (!out.includes('system:serviceaccounts')) out.push('system:serviceaccounts');
      if (!out.includes(`system:serviceaccounts:${parts[2]}`))
        out.push(`system:serviceaccounts:${parts[2]}`);
    }
  }
  if (
    user !== 'system:anonymous' &&
    !out.includes('system:authenticated') &&
    !out.includes('system:unauthenticated')
  )
    out.push('system:authenticated');
  return { user, groups: out };
}

// ---- A.3 appliesTo
function appliesTo(subject: SubjectRef, who: Who, bindingNs: string): boolean {
  if (subject.kind === 'User') return who.user !== null && subject.name === who.user;
  if (subject.kind === 'Group') return who.groups.includes(subject.name);
  if (subject.kind === 'ServiceAccount') {
    const saNs = subject.namespace !== '' ? subject.namespace : bindingNs;
    if (saNs === '') return false;
    return who.user === `system:serviceaccount:${saNs}:${subject.name}`;
  }
  return false;
}

// ---- A.5
function labelsMatch(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const key of Object.keys(sel.matchLabels))
    if (labels[key] !== sel.matchLabels[key]) return false;
  for (const req of sel.matchExpressions) {
    const has = Object.keys(labels).includes(req.key);
    if (req.operator === 'In' && !(has && req.values.includes(labels[req.key] as string)))
      return false;
    if (req.operator === 'NotIn' && has && req.values.includes(labels[req.key] as string))
      return false;
    if (req.operator === 'Exists' && !has) return false;
    if (req.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  const eq = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    eq(a.verbs, b.verbs) &&
    eq(a.apiGroups, b.apiGroups) &&
    eq(a.resources, b.resources) &&
    eq(a.resourceNames, b.resourceNames) &&
    eq(a.nonResourceURLs, b.nonResourceURLs)
  );
}

function effectiveRules(snapshot: RbacSnapshot, cr: RoleObject, visiting: string[]): PolicyRule[] {
  const selectors = cr.aggregationRule?.clusterRoleSelectors ?? [];
  if (selectors.length === 0) return [...cr.rules];
  const others = snapshot.roles
    .filter((r) => r.kind === 'ClusterRole')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: PolicyRule[] = [];
  for (const sel of selectors)
    for (const other of others) {
      if (other.name === cr.name || !labelsMatch(sel, other.labels)) continue;
      if (visiting.includes(other.name)) continue;
      for (const r of effectiveRules(snapshot, other, [...visiting, cr.name]))
        if (!out.some((o) => sameRule(o, r))) out.push(r);
    }
  return out;
}

function rulesOfBinding(snapshot: RbacSnapshot, b: BindingObject): PolicyRule[] {
  if (b.roleRef.kind === 'ClusterRole') {
    const cr = snapshot.roles.find((r) => r.kind === 'ClusterRole' && r.name === b.roleRef.name);
    return cr ? effectiveRules(snapshot, cr, []) : [];
  }
  if (b.kind === 'ClusterRoleBinding') return [];
  const role = snapshot.roles.find(
    (r) => r.kind === 'Role' && r.namespace === b.namespace && r.name === b.roleRef.name,
  );
  return role ? [...role.rules] : [];
}

// ---- A.4
function ruleAllows(rule: PolicyRule, a: Attrs): boolean {
  const verbOK = rule.verbs.includes('*') || rule.verbs.includes(a.verb);
  const groupOK = rule.apiGroups.includes('*') || rule.apiGroups.includes(a.apiGroup);
  const combined = a.subresource !== '' ? `${a.resource}/${a.subresource}` : a.resource;
  let resOK = false;
  for (const r of rule.resources)
    if (r === '*' || r === combined || (a.subresource !== '' && r === `*/${a.subresource}`))
      resOK = true;
  const nameOK = rule.resourceNames.length === 0 || rule.resourceNames.includes(a.name);
  return verbOK && groupOK && resOK && nameOK;
}

function bindingsInScope(snapshot: RbacSnapshot, ns: string): BindingObject[] {
  const out: BindingObject[] = [];
  for (const b of snapshot.bindings) if (b.kind === 'ClusterRoleBinding') out.push(b);
  if (ns !== '')
    for (const b of snapshot.bindings)
      if (b.kind === 'RoleBinding' && b.namespace === ns) out.push(b);
  return out;
}

function rbac(snapshot: RbacSnapshot, who: Who, a: Attrs): boolean {
  if (who.groups.includes('system:masters')) return true;
  for (const b of bindingsInScope(snapshot, a.namespace)) {
    if (!b.subjects.some((s) => appliesTo(s, who, b.namespace))) continue;
    for (const r of rulesOfBinding(snapshot, b)) if (ruleAllows(r, a)) return true;
  }
  return false;
}

// ---- B.5 / B.7 as checks: allowed iff admission passes and, for some alternative, every check has an allowed attrs.
interface NaiveDecision {
  alternatives: { tier: string | null; checks: Attrs[][] }[];
  admissionOK: boolean;
}

function decide(snapshot: RbacSnapshot, q: NaiveQuery, mode: NaiveMode): NaiveDecision {
  const ref = parseResourceRef(q.resource);
  const tiers = ['default', ...snapshot.tiers.map((t) => t.name)];
  const isTiered =
    ref.apiGroup === 'projectcalico.org' && Object.keys(TIERED).includes(ref.resource);
  const key = ref.apiGroup === '' ? ref.resource : `${ref.resource}.${ref.apiGroup}`;
  const namespaced = isTiered ? TIERED[ref.resource] === true : !CLUSTER_SCOPED_PLAIN.includes(key);
  const ns = namespaced ? (q.namespace ?? '') : '';
  const name = q.verb === 'create' || q.verb === 'deletecollection' ? '' : (q.name ?? '');
  const attrs = (
    verb: string,
    apiGroup: string,
    resource: string,
    namespace: string,
    n: string,
  ): Attrs => ({
    verb,
    apiGroup,
    resource,
    subresource: ref.subresource,
    namespace,
    name: n,
  });
  const base = [attrs(q.verb, ref.apiGroup, ref.resource, ns, name)];
  const isRead = q.verb === 'get' || q.verb === 'list' || q.verb === 'watch';
  if (!isTiered || (mode === 'webhook' && isRead)) {
    const protectedTier = ['default', 'kube-admin', 'kube-baseline'].includes(q.name ?? '');
    const admissionOK = !(
      ref.apiGroup === 'projectcalico.org' &&
      ref.resource === 'tiers' &&
      ref.subresource === '' &&
      protectedTier &&
      (q.verb === 'update' || q.verb === 'patch' || q.verb === 'delete')
    );
    return { alternatives: [{ tier: null, checks: [base] }], admissionOK };
  }
  let tierVerb = q.verb;
  if (mode === 'webhook') {
    if (q.verb === 'patch') tierVerb = 'update';
    if (q.verb === 'deletecollection') tierVerb = 'delete';
  }
  let reqName = '';
  if (mode === 'webhook') reqName = q.name ?? '';
  else if (['get', 'update', 'patch', 'delete'].includes(q.verb)) reqName = q.name ?? '';
  const tierCheck = (t: string): Attrs[][] => {
    const getTier = [
      {
        verb: 'get',
        apiGroup: 'projectcalico.org',
        resource: 'tiers',
        subresource: '',
        namespace: '',
        name: t,
      },
    ];
    const byName = attrs(tierVerb, 'projectcalico.org', `tier.${ref.resource}`, ns, reqName);
    const byTier = attrs(tierVerb, 'projectcalico.org', `tier.${ref.resource}`, ns, `${t}.*`);
    return [getTier, [byName, byTier]];
  };
  if (
    q.tier === undefined &&
    (q.verb === 'list' || q.verb === 'watch' || q.verb === 'deletecollection')
  ) {
    return {
      alternatives: tiers.map((t) => ({ tier: t, checks: [base, ...tierCheck(t)] })),
      admissionOK: true,
    };
  }
  const tier = q.tier ?? 'default';
  const checks = [base, ...tierCheck(tier)];
  let target = tier;
  if (
    (q.verb === 'update' || q.verb === 'patch') &&
    q.newTier !== undefined &&
    q.newTier !== tier
  ) {
    checks.push(...tierCheck(q.newTier));
    target = q.newTier;
  }
  let admissionOK = true;
  if (mode === 'webhook' && (q.verb === 'create' || q.verb === 'update' || q.verb === 'patch'))
    admissionOK = tiers.includes(target);
  return { alternatives: [{ tier, checks }], admissionOK };
}

export interface NaiveCanIAnswer {
  allowed: boolean;
  permittedTiers: string[];
}

export function naiveCanI(
  snapshot: RbacSnapshot,
  q: NaiveQuery & { user: string; groups?: readonly string[] },
  mode: NaiveMode = 'apiserver',
): NaiveCanIAnswer {
  return naiveCanIFor(snapshot, normalize(q.user, q.groups ?? []), q, mode);
}

function naiveCanIFor(
  snapshot: RbacSnapshot,
  who: Who,
  q: NaiveQuery,
  mode: NaiveMode,
): NaiveCanIAnswer {
  const d = decide(snapshot, q, mode);
  const permittedTiers: string[] = [];
  let allowed = false;
  for (const alt of d.alternatives) {
    let all = true;
    for (const check of alt.checks) if (!check.some((a) => rbac(snapshot, who, a))) all = false;
    if (all) {
      allowed = true;
      if (alt.tier !== null) permittedTiers.push(alt.tier);
    }
  }
  return { allowed: allowed && d.admissionOK, permittedTiers: d.admissionOK ? permittedTiers : [] };
}

// ---- B.8 Q3: subjects
function whoOf(s: SubjectRef): Who {
  if (s.kind === 'User') return normalize(s.name, []);
  if (s.kind === 'ServiceAccount')
    return normalize(`system:serviceaccount:${s.namespace}:${s.name}`, []);
  const groups = [s.name];
  if (s.name.startsWith('system:serviceaccounts:')) groups.push('system:serviceaccounts');
  return normalize(null, groups);
}

function keyOf(s: SubjectRef): string {
  return s.kind === 'ServiceAccount'
    ? `ServiceAccount:${s.namespace}/${s.name}`
    : `${s.kind}:${s.name}`;
}

function universe(snapshot: RbacSnapshot): SubjectRef[] {
  const out: SubjectRef[] = [];
  const add = (s: SubjectRef) => {
    if (!out.some((o) => keyOf(o) === keyOf(s))) out.push(s);
  };
  for (const b of snapshot.bindings)
    for (const s of b.subjects) {
      add(s);
      if (s.kind === 'ServiceAccount')
        add({ kind: 'Group', name: `system:serviceaccounts:${s.namespace}` });
      if (s.kind === 'User' && s.name.startsWith('system:serviceaccount:')) {
        const parts = s.name.split(':');
        if (parts.length === 4 && parts[2] !== '' && parts[3] !== '')
          add({ kind: 'Group', name: `system:serviceaccounts:${parts[2]}` });
      }
    }
  for (const name of [
    'system:masters',
    'system:authenticated',
    'system:unauthenticated',
    'system:serviceaccounts',
  ])
    add({ kind: 'Group', name });
  return out;
}

export interface NaiveWhoCanAnswer {
  /** Subject keys (`User:alice`, `Group:devs`, `ServiceAccount:ns/sa`), covered ones left out. */
  subjects: string[];
  /** Users allowed only with their observed groups. */
  observed: string[];
}

/**
 * Q3 "how to compute it": per check, the bindings granting it (scan of every binding); a subject
 * qualifies when, for every check, one of those bindings names a subject that applies to it.
 */
export function naiveWhoCan(
  snapshot: RbacSnapshot,
  q: NaiveQuery,
  mode: NaiveMode = 'apiserver',
): NaiveWhoCanAnswer {
  const d = decide(snapshot, q, mode);
  const granting = d.alternatives.map((alt) =>
    alt.checks.map((check) => {
      const found: BindingObject[] = [];
      for (const a of check)
        for (const b of bindingsInScope(snapshot, a.namespace))
          if (!found.includes(b) && rulesOfBinding(snapshot, b).some((r) => ruleAllows(r, a)))
            found.push(b);
      return found;
    }),
  );
  const qualifies = (who: Who): boolean => {
    if (!d.admissionOK) return false;
    if (who.groups.includes('system:masters')) return true;
    return granting.some((checks) =>
      checks.every((bindings) =>
        bindings.some((b) => b.subjects.some((s) => appliesTo(s, who, b.namespace))),
      ),
    );
  };
  const all = universe(snapshot).filter((s) => qualifies(whoOf(s)));
  const allKeys = all.map(keyOf);
  const subjects = all
    .filter((s) => {
      if (s.kind === 'Group' && s.name === 'system:masters') return true;
      const implied = whoOf(s).groups.filter((g) => !(s.kind === 'Group' && g === s.name));
      return !implied.some((g) => allKeys.includes(`Group:${g}`));
    })
    .map(keyOf)
    .sort();
  const observed: string[] = [];
  const users = [...new Set(snapshot.memberships.map((m) => m.username))];
  for (const u of users) {
    const groups = snapshot.memberships.filter((m) => m.username === u).map((m) => m.group);
    if (qualifies(normalize(u, groups)) && !qualifies(normalize(u, []))) observed.push(u);
  }
  return { subjects, observed: observed.sort() };
}

/** The same subject set by brute force: `naiveCanI` for every subject's own identity. */
export function naiveWhoCanByIdentity(
  snapshot: RbacSnapshot,
  q: NaiveQuery,
  mode: NaiveMode = 'apiserver',
): string[] {
  const all = universe(snapshot).filter((s) => naiveCanIFor(snapshot, whoOf(s), q, mode).allowed);
  const allKeys = all.map(keyOf);
  return all
    .filter((s) => {
      if (s.kind === 'Group' && s.name === 'system:masters') return true;
      const implied = whoOf(s).groups.filter((g) => !(s.kind === 'Group' && g === s.name));
      return !implied.some((g) => allKeys.includes(`Group:${g}`));
    })
    .map(keyOf)
    .sort();
}

/**
 * The definite core of "who can edit tier X" answered naively: `naiveWhoCan` for every tiered kind
 * and edit verb at cluster scope, any name. The bench's baseline for `tierEditors`.
 */
export function naiveTierEditors(
  snapshot: RbacSnapshot,
  tier: string,
  mode: NaiveMode = 'apiserver',
): string[] {
  const out = new Set<string>();
  for (const kind of Object.keys(TIERED))
    for (const verb of ['create', 'update', 'patch', 'delete', 'deletecollection'])
      for (const s of naiveWhoCan(
        snapshot,
        { verb, resource: `${kind}.projectcalico.org`, tier },
        mode,
      ).subjects)
        out.add(s);
  return [...out].sort();
}
