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
import { collectPolicyPaths } from './collect-policy-paths';
import { compareSubjects, evaluatePlanForSubjects, qualifySubjects, SubjectGrantsCache } from './who-can';

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

/**
 * Tiers × subjects × {view, edit, manageTier}. "full" for view/edit means every tiered kind and
 * every verb of the column (get/list/watch; create/update/patch/delete) across the cluster for any
 * name; "partial" means some grant path works for some kind, verb, namespace or name.
 */
export function accessMatrix(index: RbacIndex, mode: RbacMode): AccessMatrix {
  const named = new Map<string, SubjectRef>();
  for (const binding of index.bindings)
    for (const subject of binding.object.subjects) named.set(subjectKey(subject), subject);
  const subjects = [...named.values()].sort(compareSubjects);
  const cache = new SubjectGrantsCache(index);

  /** Keys of subjects that hold, counting those covered by a special group that holds. */
  const holds = (qualified: ReadonlySet<string>) => (subject: SubjectRef) =>
    qualified.has(subjectKey(subject)) ||
    memberIdentity(subject).groups.some((group) => qualified.has(`Group:${group}`));
  const qualifiedFor = (verb: string, resource: string, where: { tier?: string; name?: string }) => {
    const plan = planDecision({ verb, resource, ...where }, mode, index.tierNames);
    return new Set(qualifySubjects(index, evaluatePlanForSubjects(plan, cache), plan.admission?.allowed ?? true).keys());
  };
  const level = (all: ((s: SubjectRef) => boolean)[], some: ((s: SubjectRef) => boolean)[], s: SubjectRef): 'full' | 'partial' | 'none' =>
    all.every((test) => test(s)) ? 'full' : some.some((test) => test(s)) ? 'partial' : 'none';

  const cells = index.tierNames.map((tier) => {
    const column = (verbs: readonly PolicyVerb[]) => {
      const all = TIERED_KINDS.flatMap((kind) =>
        verbs.map((verb) => holds(qualifiedFor(verb, `${kind}.${CALICO_GROUP}`, { tier }))),
      );
      const some = collectPolicyPaths(index, mode, tier, verbs, cache).qualifiedKeys.map(holds);
      return { all, some: [...all, ...some] };
    };
    const view = column(VIEW_VERBS);
    const edit = column(EDIT_VERBS);
    const manage = TIER_OBJECT_VERBS.map((verb) => holds(qualifiedFor(verb, `tiers.${CALICO_GROUP}`, { name: tier })));
    return subjects.map((subject) => ({
      view: level(view.all, view.some, subject),
      edit: level(edit.all, edit.some, subject),
      manageTier: level(manage, manage, subject),
    }));
  });
  return {
    tiers: [...index.tierNames],
    subjects: subjects.map((subject) => ({ subject, description: describeSubject(subject) })),
    cells,
  };
}
