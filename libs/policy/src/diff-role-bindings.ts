import { listText } from './describe-rule';
import type { Risk, SemanticChange } from './semantic-change';
import { type RbacSubject, type RoleBindingModel, subjectKey } from './to-role-binding-model';

/** Subjects that stand for everyone, every service account, or nobody in particular. */
const BROAD_GROUPS = ['system:authenticated', 'system:unauthenticated', 'system:serviceaccounts'];

export function isBroadSubject(subject: RbacSubject): boolean {
  if (subject.kind === 'User') return subject.name === 'system:anonymous';
  return (
    subject.kind === 'Group' &&
    (BROAD_GROUPS.includes(subject.name) || subject.name.startsWith('system:serviceaccounts:'))
  );
}

export function describeSubject(subject: RbacSubject): string {
  return `${subject.kind} ${subject.namespace === undefined ? '' : `${subject.namespace}/`}${subject.name}`;
}

function describeRole(binding: RoleBindingModel): string {
  return binding.roleRef === undefined
    ? 'an unknown role'
    : `${binding.roleRef.kind} ${binding.roleRef.name}`;
}

function bindsClusterAdmin(binding: RoleBindingModel): boolean {
  return binding.roleRef?.kind === 'ClusterRole' && binding.roleRef.name === 'cluster-admin';
}

/** Created bindings are compared with a binding of the same role and no subjects. */
export function diffRoleBindings(
  before: RoleBindingModel | undefined,
  after: RoleBindingModel | undefined,
): SemanticChange[] {
  if (after === undefined) {
    if (before === undefined) return [];
    return [
      {
        type: 'object-deleted',
        risk: 'low',
        summary: `${before.kind} ${before.name} deleted (${describeRole(before)} for ${listText(before.subjects.map(describeSubject)) || 'no subjects'})`,
      },
    ];
  }
  const base = before ?? { ...after, subjects: [] };
  const created: SemanticChange[] =
    before === undefined
      ? [
          {
            type: 'object-created',
            risk: 'low',
            summary: `${after.kind} ${after.name} created (${describeRole(after)} for ${listText(after.subjects.map(describeSubject)) || 'no subjects'})`,
          },
        ]
      : [];
  return [
    ...created,
    ...diffRoleRef(base, after),
    ...diffSubjects(base, after),
    ...clusterAdmin(base, after, before === undefined),
  ];
}

/** roleRef is immutable in the API, so a change here means the binding was recreated. */
function diffRoleRef(before: RoleBindingModel, after: RoleBindingModel): SemanticChange[] {
  if (JSON.stringify(before.roleRef) === JSON.stringify(after.roleRef)) return [];
  return [
    {
      type: 'role-ref-changed',
      risk: 'medium',
      summary: `${after.kind} ${after.name} now grants ${describeRole(after)} (was ${describeRole(before)})`,
      path: '/roleRef',
      details: { from: describeRole(before), to: describeRole(after) },
    },
  ];
}

function diffSubjects(before: RoleBindingModel, after: RoleBindingModel): SemanticChange[] {
  const beforeKeys = new Set(before.subjects.map(subjectKey));
  const afterKeys = new Set(after.subjects.map(subjectKey));
  return [
    ...after.subjects.flatMap((subject, index): SemanticChange[] =>
      beforeKeys.has(subjectKey(subject))
        ? []
        : [
            {
              type: 'subjects-added',
              risk: subjectRisk(subject),
              summary: `${describeSubject(subject)} now has ${describeRole(after)} through ${after.kind} ${after.name}${isBroadSubject(subject) ? ' (a group standing for many identities)' : ''}`,
              path: `/subjects/${index}`,
              details: { subject: describeSubject(subject) },
            },
          ],
    ),
    ...before.subjects.flatMap((subject, index): SemanticChange[] =>
      afterKeys.has(subjectKey(subject))
        ? []
        : [
            {
              type: 'subjects-removed',
              risk: 'low',
              summary: `${describeSubject(subject)} no longer has ${describeRole(before)} through ${before.kind} ${before.name}`,
              path: `/subjects/${index}`,
              details: { subject: describeSubject(subject) },
            },
          ],
    ),
  ];
}

function subjectRisk(subject: RbacSubject): Risk {
  return isBroadSubject(subject) ? 'high' : 'medium';
}

/** Reported when someone newly gets cluster-admin: a new binding, new subjects, or a new roleRef. */
function clusterAdmin(
  before: RoleBindingModel,
  after: RoleBindingModel,
  created: boolean,
): SemanticChange[] {
  if (!bindsClusterAdmin(after) || after.subjects.length === 0) return [];
  const beforeKeys = new Set(
    bindsClusterAdmin(before) && !created ? before.subjects.map(subjectKey) : [],
  );
  const gained = after.subjects.filter((subject) => !beforeKeys.has(subjectKey(subject)));
  if (gained.length === 0) return [];
  return [
    {
      type: 'binding-to-cluster-admin',
      risk: 'high',
      summary: `${listText(gained.map(describeSubject))} bound to ClusterRole cluster-admin by ${after.kind} ${after.name}`,
      path: '/roleRef',
      details: { subjects: gained.map(describeSubject) },
    },
  ];
}
