import { collectPolicyPaths } from './collect-policy-paths';
import { describeSubject } from './describe-answer';
import { memberIdentity } from './normalize-identity';
import { planDecision, type RbacMode } from './plan-decision';
import {
  CALICO_GROUP,
  EDIT_VERBS,
  type PolicyVerb,
  TIER_OBJECT_VERBS,
  TIERED_KINDS,
  VIEW_VERBS,
} from './policy-kinds';
import { type RbacIndex, subjectKey } from './rbac-index';
import type { SubjectRef } from './rbac-snapshot';
import {
  compareSubjects,
  evaluatePlanForSubjects,
  qualifySubjects,
  SubjectGrantsCache,
} from './who-can';

/** full: everywhere, every name, every verb of the column; partial: some of it; none. */
export type AccessLevel = 'full' | 'partial' | 'none';

export interface AccessCell {
  view: AccessLevel;
  edit: AccessLevel;
  manageTier: AccessLevel;
}

export interface AccessMatrix {
  tiers: string[];
  subjects: { subject: SubjectRef; description: string }[];
  /** cells[tier][subject], in the order of `tiers` and `subjects`. */
  cells: AccessCell[][];
}

/** A subject's own key and the `Group:` keys of the special groups it belongs to. */
interface MatrixSubject {
  subject: SubjectRef;
  keys: string[];
}

/** Whether a subject passes, given the keys of the subjects that qualified (special groups cover their members). */
const holds = (qualified: ReadonlySet<string>, subject: MatrixSubject) =>
  subject.keys.some((key) => qualified.has(key));

/**
 * Tiers × subjects × {view, edit, manageTier}. "full" for view/edit means every tiered kind and
 * every verb of the column (get/list/watch; create/update/patch/delete) across the cluster for any
 * name; "partial" means some grant path works for some kind, verb, namespace or name. manageTier:
 * update/patch/delete on the Tier object ("none" for protected tiers, which nobody can change).
 */
export function accessMatrix(index: RbacIndex, mode: RbacMode): AccessMatrix {
  const named = new Map<string, SubjectRef>();
  for (const binding of index.bindings)
    for (const subject of binding.object.subjects) named.set(subjectKey(subject), subject);
  const subjects: MatrixSubject[] = [...named.values()].sort(compareSubjects).map((subject) => {
    const own = subject.kind === 'Group' ? subject.name : undefined;
    const implied = memberIdentity(subject)
      .groups.filter((group) => group !== own)
      .map((group) => `Group:${group}`);
    return { subject, keys: [subjectKey(subject), ...implied] };
  });
  const cache = SubjectGrantsCache.of(index);
  const qualifiedFor = (
    verb: string,
    resource: string,
    where: { tier?: string; name?: string },
  ) => {
    const plan = planDecision({ verb, resource, ...where }, mode, index.tierNames);
    const alternatives = evaluatePlanForSubjects(plan, cache);
    return new Set(qualifySubjects(index, alternatives, plan.admission?.allowed ?? true).keys());
  };
  /** `all`: one qualified set per (kind, verb) everywhere; `some`: who passes anything at all. */
  const level = (
    all: readonly ReadonlySet<string>[],
    some: ReadonlySet<string>,
    subject: MatrixSubject,
  ): AccessLevel =>
    all.every((qualified) => holds(qualified, subject))
      ? 'full'
      : holds(some, subject)
        ? 'partial'
        : 'none';

  const cells = index.tierNames.map((tier) => {
    const column = (verbs: readonly PolicyVerb[]) => {
      const all = TIERED_KINDS.flatMap((kind) =>
        verbs.map((verb) => qualifiedFor(verb, `${kind}.${CALICO_GROUP}`, { tier })),
      );
      const some = new Set<string>();
      for (const qualified of [
        ...all,
        ...collectPolicyPaths(index, mode, tier, verbs, cache).qualifiedKeys,
      ])
        for (const key of qualified) some.add(key);
      return { all, some };
    };
    const view = column(VIEW_VERBS);
    const edit = column(EDIT_VERBS);
    const manage = TIER_OBJECT_VERBS.map((verb) =>
      qualifiedFor(verb, `tiers.${CALICO_GROUP}`, { name: tier }),
    );
    const anyManage = new Set(manage.flatMap((qualified) => [...qualified]));
    return subjects.map((subject) => ({
      view: level(view.all, view.some, subject),
      edit: level(edit.all, edit.some, subject),
      manageTier: level(manage, anyManage, subject),
    }));
  });
  return {
    tiers: [...index.tierNames],
    subjects: subjects.map(({ subject }) => ({ subject, description: describeSubject(subject) })),
    cells,
  };
}
