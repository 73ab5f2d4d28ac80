import { dedupeGrants, requestKey, type CanIAnswer } from './can-i';
import { describeSubject } from './describe-answer';
import {
  AUTHENTICATED,
  MASTERS,
  memberIdentity,
  normalizeIdentity,
  SERVICE_ACCOUNTS,
  UNAUTHENTICATED,
} from './normalize-identity';
import { formatResourceRef } from './parse-resource-ref';
import { type DecisionPlan, type PolicyQuery, planDecision, type RbacMode } from './plan-decision';
import { identityMatchKeys, type RbacIndex, subjectKey, subjectMatchKey } from './rbac-index';
import type { ObservedMembership, SubjectRef } from './rbac-snapshot';
import type { RbacRequest } from './rule-allows';
import type { CheckName } from './tier-check';
import { type Grant, RequestGrants, type SubjectGrants } from './visit-rules-for';

export type WhoCanQuery = PolicyQuery;

export interface WhoCanEntry {
  subject: SubjectRef;
  description: string;
  /** True when the answer rests on group memberships observed in audit events. */
  observed: boolean;
  /** system:masters: allowed before RBAC runs. */
  outsideRbac?: boolean;
  /** The chains behind each check for this subject. */
  via: Partial<Record<CheckName, Grant[]>>;
  /** For a list/watch/deletecollection without a tier: the tiers this subject passes in. */
  tiers?: string[];
  /** Observed entries: the groups the user was seen in that the answer relies on. */
  viaGroups?: string[];
  memberships?: ObservedMembership[];
}

export interface PartialEntry {
  subject: SubjectRef;
  description: string;
  satisfies: CheckName[];
  missing: CheckName[];
  via: Partial<Record<CheckName, Grant[]>>;
}

export interface WhoCanAnswer {
  request: Omit<CanIAnswer['request'], never>;
  checks: CheckName[];
  /**
   * Subjects allowed on their own identity (a User or ServiceAccount with the groups authentication
   * gives it; a Group as any member of it). A subject is left out when a special group it belongs
   * to is itself listed ("every authenticated user" covers every named user).
   */
  subjects: WhoCanEntry[];
  /** Users allowed only through groups they were observed in; not authoritative. */
  observed: WhoCanEntry[];
  /** Subjects that pass some checks but not all: their members need the rest from another grant. */
  partial: PartialEntry[];
  /** Per check, every subject that satisfies it on its own (single-tier questions). */
  requires: Partial<Record<CheckName, SubjectRef[]>>;
  admission?: { allowed: boolean; reason: string };
  notes: string[];
}

/** A check evaluated for every subject at once: match key → the grants behind it. */
export interface SubjectCheck {
  name: CheckName;
  grants: SubjectGrants;
}

export interface SubjectAlternative {
  tier?: string;
  checks: SubjectCheck[];
}

const IMPLIED_PREFIX = `g:${SERVICE_ACCOUNTS}:`;
/** Whether a match key is one of the groups authentication adds by itself. */
export function isImpliedGroupKey(key: string): boolean {
  return (
    key === `g:${AUTHENTICATED}` ||
    key === `g:${UNAUTHENTICATED}` ||
    key === `g:${SERVICE_ACCOUNTS}` ||
    key.startsWith(IMPLIED_PREFIX)
  );
}

export function isSpecialGroup(subject: SubjectRef): boolean {
  return subject.kind === 'Group' && (subject.name === MASTERS || isImpliedGroupKey(`g:${subject.name}`));
}

/** Reverse lookups cached by request: one whoCan or tierEditors call asks many overlapping ones. */
export class SubjectGrantsCache {
  private readonly cache = new Map<string, RequestGrants>();
  constructor(private readonly index: RbacIndex) {}

  /** The request's grants, whatever its namespace; scope them with `scoped`, `cluster` or `inNamespace`. */
  request(request: RbacRequest): RequestGrants {
    const key = requestKey({ ...request, namespace: '' });
    let grants = this.cache.get(key);
    if (!grants) this.cache.set(key, (grants = new RequestGrants(this.index, request)));
    return grants;
  }

  get(request: RbacRequest): SubjectGrants {
    return this.request(request).scoped(request.namespace);
  }

  /** A check passes for a match key when any of its requests does. */
  check(name: CheckName, requests: readonly RbacRequest[]): SubjectCheck {
    const maps = requests.map((request) => this.get(request));
    const grants = maps.length === 1 ? (maps[0] as SubjectGrants) : mergeGrants(maps);
    return { name, grants };
  }
}

function mergeGrants(maps: readonly SubjectGrants[]): SubjectGrants {
  const out = new Map<string, Grant[]>();
  for (const map of maps)
    for (const [key, grants] of map) {
      const list = out.get(key);
      if (list) list.push(...grants);
      else out.set(key, [...grants]);
    }
  return out;
}

export interface Qualified {
  subject: SubjectRef;
  outsideRbac: boolean;
  via: Partial<Record<CheckName, Grant[]>>;
  tiers: string[];
}

/** Which alternatives an identity's match keys pass, and the grants each check used. */
export function passAlternatives(
  keys: readonly string[],
  alternatives: readonly SubjectAlternative[],
): { tiers: string[]; via: Partial<Record<CheckName, Grant[]>> } | undefined {
  let passed = false;
  const tiers: string[] = [];
  const via: Partial<Record<CheckName, Grant[]>> = {};
  for (const alternative of alternatives) {
    const found: [CheckName, Grant[]][] = [];
    for (const check of alternative.checks) {
      const grants = keys.flatMap((key) => check.grants.get(key) ?? []);
      if (grants.length === 0) break;
      found.push([check.name, grants]);
    }
    if (found.length !== alternative.checks.length) continue;
    passed = true;
    if (alternative.tier !== undefined) tiers.push(alternative.tier);
    for (const [name, grants] of found) via[name] = dedupeGrants([...(via[name] ?? []), ...grants]);
  }
  return passed ? { tiers, via } : undefined;
}

/**
 * Every subject that passes some alternative on its own identity. Only subjects named in a grant
 * and the special groups need asking: any other subject of the universe can pass only through the
 * groups authentication adds, and then the special group it belongs to passes too and covers it.
 */
export function qualifySubjects(
  index: RbacIndex,
  alternatives: readonly SubjectAlternative[],
  admissionAllows: boolean,
): Map<string, Qualified> {
  const qualified = new Map<string, Qualified>();
  if (!admissionAllows) return qualified;
  const candidates = new Map<string, SubjectRef>();
  const universeByMatchKey = universeByKey(index);
  for (const alternative of alternatives)
    for (const check of alternative.checks)
      for (const key of check.grants.keys())
        for (const subject of universeByMatchKey.get(key) ?? []) candidates.set(subjectKey(subject), subject);
  // SA-namespace groups need no asking here: named in a binding, they are found above; otherwise
  // they pass only when system:serviceaccounts does, which then covers them.
  for (const name of [MASTERS, AUTHENTICATED, UNAUTHENTICATED, SERVICE_ACCOUNTS])
    candidates.set(`Group:${name}`, { kind: 'Group', name });

  for (const [key, subject] of candidates) {
    const identity = memberIdentity(subject);
    if (identity.groups.includes(MASTERS)) {
      qualified.set(key, {
        subject,
        outsideRbac: true,
        via: {},
        tiers: alternatives.flatMap((a) => (a.tier !== undefined ? [a.tier] : [])),
      });
      continue;
    }
    const passed = passAlternatives(identityMatchKeys(identity), alternatives);
    if (passed) qualified.set(key, { subject, outsideRbac: false, ...passed });
  }
  return qualified;
}

/** Drops subjects whose special group (system:authenticated, system:serviceaccounts…) qualified too. */
export function withoutCovered(qualified: ReadonlyMap<string, Qualified>): Qualified[] {
  return [...qualified.values()].filter((entry) => {
    if (entry.outsideRbac) return true;
    const own = entry.subject.kind === 'Group' ? entry.subject.name : undefined;
    return !memberIdentity(entry.subject).groups.some(
      (group) => group !== own && qualified.has(`Group:${group}`),
    );
  });
}

const universeCache = new WeakMap<RbacIndex, Map<string, SubjectRef[]>>();
function universeByKey(index: RbacIndex): Map<string, SubjectRef[]> {
  let map = universeCache.get(index);
  if (map) return map;
  map = new Map();
  for (const subject of index.universe) {
    const key = subjectMatchKey(subject);
    const list = map.get(key);
    if (list) list.push(subject);
    else map.set(key, [subject]);
  }
  universeCache.set(index, map);
  return map;
}

export function evaluatePlanForSubjects(
  plan: DecisionPlan,
  cache: SubjectGrantsCache,
): SubjectAlternative[] {
  return plan.alternatives.map((alternative) => {
    const out: SubjectAlternative = {
      checks: alternative.checks.map((check) => cache.check(check.name, check.requests)),
    };
    if (alternative.tier !== undefined) out.tier = alternative.tier;
    return out;
  });
}

/** Users allowed only with the groups they were observed in (and not without them). */
export function observedQualifiers(
  index: RbacIndex,
  alternatives: readonly SubjectAlternative[],
  admissionAllows: boolean,
): WhoCanEntry[] {
  if (!admissionAllows) return [];
  // Only a user observed in a group some check names can owe its answer to observed groups.
  const candidates = new Set<string>();
  for (const alternative of alternatives)
    for (const check of alternative.checks)
      for (const key of check.grants.keys())
        if (key.startsWith('g:')) for (const user of index.membersByGroup.get(key.slice(2)) ?? []) candidates.add(user);
  for (const user of index.membersByGroup.get(MASTERS) ?? []) candidates.add(user);
  const out: WhoCanEntry[] = [];
  for (const username of candidates) {
    const memberships = index.membershipsByUser.get(username) ?? [];
    const groups = [...new Set(memberships.map((m) => m.group))];
    const withGroups = normalizeIdentity(username, groups);
    const alone = normalizeIdentity(username, []);
    if (passAlternatives(identityMatchKeys(alone), alternatives)) continue;
    const subject: SubjectRef = { kind: 'User', name: username };
    if (withGroups.groups.includes(MASTERS)) {
      out.push({
        subject,
        description: `User ${username} (observed in system:masters, outside RBAC)`,
        observed: true,
        outsideRbac: true,
        via: {},
        viaGroups: [MASTERS],
        memberships: memberships.filter((m) => m.group === MASTERS),
      });
      continue;
    }
    const passed = passAlternatives(identityMatchKeys(withGroups), alternatives);
    if (!passed) continue;
    const used = new Set(
      Object.values(passed.via).flatMap((grants) =>
        (grants ?? []).flatMap((g) => (g.subject.kind === 'Group' ? [g.subject.name] : [])),
      ),
    );
    const viaGroups = groups.filter((g) => used.has(g));
    const entry: WhoCanEntry = {
      subject,
      description: `User ${username} (observed in ${viaGroups.join(', ')})`,
      observed: true,
      via: passed.via,
      viaGroups,
      memberships: memberships.filter((m) => used.has(m.group)),
    };
    if (passed.tiers.length > 0) entry.tiers = passed.tiers;
    out.push(entry);
  }
  return out.sort((a, b) => a.subject.name.localeCompare(b.subject.name));
}

export function toEntry(qualified: Qualified, unselected: boolean): WhoCanEntry {
  const entry: WhoCanEntry = {
    subject: qualified.subject,
    description: describeSubject(qualified.subject),
    observed: false,
    via: qualified.via,
  };
  if (qualified.outsideRbac) entry.outsideRbac = true;
  if (unselected) entry.tiers = qualified.tiers;
  return entry;
}

export function compareSubjects(a: SubjectRef, b: SubjectRef): number {
  const rank = (s: SubjectRef) => (s.kind === 'Group' && s.name === MASTERS ? 0 : isSpecialGroup(s) ? 1 : 2);
  return rank(a) - rank(b) || subjectKey(a).localeCompare(subjectKey(b));
}

/** Every subject that can make the request, with chains; see WhoCanAnswer for the contract. */
export function whoCan(index: RbacIndex, mode: RbacMode, query: WhoCanQuery): WhoCanAnswer {
  const plan = planDecision(query, mode, index.tierNames);
  const cache = new SubjectGrantsCache(index);
  const alternatives = evaluatePlanForSubjects(plan, cache);
  const admissionAllows = plan.admission?.allowed ?? true;
  const qualified = qualifySubjects(index, alternatives, admissionAllows);
  const subjects = withoutCovered(qualified)
    .sort((a, b) => compareSubjects(a.subject, b.subject))
    .map((q) => toEntry(q, plan.unselected));

  const requires: WhoCanAnswer['requires'] = {};
  const partial: PartialEntry[] = [];
  const [single] = alternatives;
  if (alternatives.length === 1 && single) {
    for (const check of single.checks)
      requires[check.name] = uniqueSubjects([...check.grants.values()].flat().map((g) => g.subject));
    const named = new Map<string, SubjectRef>();
    for (const check of single.checks)
      for (const grants of check.grants.values())
        for (const grant of grants) named.set(subjectKey(grant.subject), grant.subject);
    for (const [key, subject] of named) {
      if (qualified.has(key)) continue;
      const keys = identityMatchKeys(memberIdentity(subject));
      const via: PartialEntry['via'] = {};
      const satisfies: CheckName[] = [];
      const missing: CheckName[] = [];
      for (const check of single.checks) {
        const grants = keys.flatMap((k) => check.grants.get(k) ?? []);
        if (grants.length > 0) {
          satisfies.push(check.name);
          via[check.name] = dedupeGrants(grants);
        } else missing.push(check.name);
      }
      partial.push({ subject, description: describeSubject(subject), satisfies, missing, via });
    }
    partial.sort((a, b) => compareSubjects(a.subject, b.subject));
  }

  const notes = [...plan.notes];
  if (index.membershipsByUser.size === 0)
    notes.push('group membership unknown: groups are answered as "any member"; their members cannot be named');
  else notes.push('observed users rest on group memberships seen in audit events, not on a directory');
  const answer: WhoCanAnswer = {
    request: {
      verb: plan.verb,
      resource: formatResourceRef(plan.ref),
      namespace: plan.namespace,
      name: plan.name,
      tierChecked: plan.tierChecked,
      ...(plan.tier !== undefined ? { tier: plan.tier } : {}),
      ...(plan.newTier !== undefined ? { newTier: plan.newTier } : {}),
    },
    checks: alternatives[0]?.checks.map((c) => c.name) ?? [],
    subjects,
    observed: observedQualifiers(index, alternatives, admissionAllows),
    partial,
    requires,
    notes,
  };
  if (plan.admission) answer.admission = plan.admission;
  return answer;
}

export function uniqueSubjects(subjects: readonly SubjectRef[]): SubjectRef[] {
  const map = new Map(subjects.map((s) => [subjectKey(s), s]));
  return [...map.values()].sort(compareSubjects);
}
