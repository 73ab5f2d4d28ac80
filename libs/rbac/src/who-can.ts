import { type CanIAnswer, dedupeGrants, grantKey, requestKey } from './can-i';
import { describeSubject } from './describe-answer';
import { getOrCreate } from './get-or-create';
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
  /** Subjects that pass some tier checks but not all: their members need the rest from another grant. */
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
  return (
    subject.kind === 'Group' && (subject.name === MASTERS || isImpliedGroupKey(`g:${subject.name}`))
  );
}

/** Reverse lookups cached by request: one whoCan or tierEditors call asks many overlapping ones. */
export class SubjectGrantsCache {
  private static readonly perIndex = new WeakMap<RbacIndex, SubjectGrantsCache>();
  private static readonly maxEntries = 4096;
  private readonly cache = new Map<string, RequestGrants>();

  private constructor(private readonly index: RbacIndex) {}

  /** One cache per index, shared by every answer: the index never changes, so neither do its grants. */
  static of(index: RbacIndex): SubjectGrantsCache {
    return getOrCreate(SubjectGrantsCache.perIndex, index, () => new SubjectGrantsCache(index));
  }

  /** The request's grants, whatever its namespace; scope them with `scoped`, `cluster` or `inNamespace`. */
  request(request: RbacRequest): RequestGrants {
    const key = requestKey({ ...request, namespace: '' });
    let grants = this.cache.get(key);
    if (grants) return grants;
    grants = new RequestGrants(this.index, request);
    this.cache.set(key, grants);
    if (this.cache.size > SubjectGrantsCache.maxEntries) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
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

/**
 * For each check position, the alternatives each match key satisfies, as bit sets: an identity's
 * passing alternatives are then a few word operations, however many tiers an unselected list spans.
 */
class AlternativeMatcher {
  private readonly words: number;
  private readonly byPosition: Map<string, Uint32Array>[] = [];
  /** Per position, the alternatives with no check there (they pass it whatever the keys). */
  private readonly vacant: Uint32Array[] = [];

  constructor(alternatives: readonly SubjectAlternative[]) {
    this.words = Math.ceil(alternatives.length / 32);
    const positions = Math.max(0, ...alternatives.map((a) => a.checks.length));
    for (let p = 0; p < positions; p++) {
      const byKey = new Map<string, Uint32Array>();
      const vacant = new Uint32Array(this.words);
      alternatives.forEach((alternative, i) => {
        const check = alternative.checks[p];
        const bit = 1 << (i % 32);
        const word = Math.floor(i / 32);
        if (!check) {
          vacant[word] = (vacant[word] ?? 0) | bit;
          return;
        }
        for (const key of check.grants.keys()) {
          const bits = getOrCreate(byKey, key, () => new Uint32Array(this.words));
          bits[word] = (bits[word] ?? 0) | bit;
        }
      });
      this.byPosition.push(byKey);
      this.vacant.push(vacant);
    }
  }

  /** Indexes of the alternatives these keys pass. */
  passing(keys: readonly string[]): number[] {
    const result = new Uint32Array(this.words).fill(0xffffffff);
    this.byPosition.forEach((byKey, p) => {
      const union = Uint32Array.from(this.vacant[p] ?? []);
      for (const key of keys) {
        const bits = byKey.get(key);
        if (bits) for (let w = 0; w < this.words; w++) union[w] = (union[w] ?? 0) | (bits[w] ?? 0);
      }
      for (let w = 0; w < this.words; w++) result[w] = (result[w] ?? 0) & (union[w] ?? 0);
    });
    const out: number[] = [];
    for (let w = 0; w < this.words; w++) {
      let word = result[w] ?? 0;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word);
        out.push(w * 32 + bit);
        word &= ~(1 << bit);
      }
    }
    return out.sort((x, y) => x - y);
  }
}

const matchers = new WeakMap<readonly SubjectAlternative[], AlternativeMatcher>();

/** Which alternatives an identity's match keys pass, and the grants each check used. */
export function passAlternatives(
  keys: readonly string[],
  alternatives: readonly SubjectAlternative[],
): { tiers: string[]; via: Partial<Record<CheckName, Grant[]>> } | undefined {
  const [only] = alternatives;
  const passing =
    alternatives.length === 1 && only
      ? only.checks.every((check) => keys.some((key) => check.grants.has(key)))
        ? [0]
        : []
      : getOrCreate(matchers, alternatives, () => new AlternativeMatcher(alternatives)).passing(
          keys,
        );
  if (passing.length === 0) return undefined;
  const tiers: string[] = [];
  const via: Partial<Record<CheckName, Grant[]>> = {};
  const seen = new Set<string>();
  for (const i of passing) {
    const alternative = alternatives[i] as SubjectAlternative;
    if (alternative.tier !== undefined) tiers.push(alternative.tier);
    for (const check of alternative.checks)
      for (const key of keys)
        for (const grant of check.grants.get(key) ?? []) {
          const id = `${check.name}\u0000${grantKey(grant)}`;
          if (seen.has(id)) continue;
          seen.add(id);
          const list = via[check.name];
          if (list) list.push(grant);
          else via[check.name] = [grant];
        }
  }
  return { tiers, via };
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
        for (const subject of universeByMatchKey.get(key) ?? [])
          candidates.set(subjectKey(subject), subject);
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
        if (key.startsWith('g:'))
          for (const user of index.membersByGroup.get(key.slice(2)) ?? []) candidates.add(user);
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
  const rank = (s: SubjectRef) =>
    s.kind === 'Group' && s.name === MASTERS ? 0 : isSpecialGroup(s) ? 1 : 2;
  return rank(a) - rank(b) || subjectKey(a).localeCompare(subjectKey(b));
}

/** Every subject that can make the request, with chains; see WhoCanAnswer for the contract. */
export function whoCan(index: RbacIndex, mode: RbacMode, query: WhoCanQuery): WhoCanAnswer {
  const plan = planDecision(query, mode, index.tierNames);
  const cache = SubjectGrantsCache.of(index);
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
      requires[check.name] = uniqueSubjects(
        [...check.grants.values()].flat().map((g) => g.subject),
      );
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
      // Base alone grants nothing (C.2): the passthrough would make everyone "partial".
      if (satisfies.some((name) => name !== 'base'))
        partial.push({ subject, description: describeSubject(subject), satisfies, missing, via });
    }
    partial.sort((a, b) => compareSubjects(a.subject, b.subject));
  }

  const notes = [...plan.notes];
  if (index.membershipsByUser.size === 0)
    notes.push(
      'group membership unknown: groups are answered as "any member"; their members cannot be named',
    );
  else
    notes.push('observed users rest on group memberships seen in audit events, not on a directory');
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
