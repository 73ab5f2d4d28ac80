import type { TierEditorsAnswer } from '@policy-ledger/rbac';
import type { AccessEntry, IndirectAccess, Subject, TierAccess } from './report-model';

type Answer = TierEditorsAnswer;
type Grantish = {
  binding: { kind: string; namespace?: string; name: string };
  role: { kind: string; namespace?: string; name: string };
  rule: { index: number };
};

function subjectKey(subject: Subject): string {
  return `${subject.kind}:${subject.namespace ?? ''}:${subject.name}`;
}

function describeChain(grant: Grantish): string {
  const binding = `${grant.binding.kind} ${grant.binding.namespace ? `${grant.binding.namespace}/` : ''}${grant.binding.name}`;
  const role = `${grant.role.kind} ${grant.role.namespace ? `${grant.role.namespace}/` : ''}${grant.role.name}`;
  return `${binding} → ${role} (rule ${grant.rule.index + 1})`;
}

/** One row per subject: what it may do to the tier's policies through every path, merged. */
function mergeEntries(entries: AccessEntry[]): AccessEntry[] {
  const bySubject = new Map<string, AccessEntry>();
  for (const entry of entries) {
    const key = subjectKey(entry.subject);
    const known = bySubject.get(key);
    if (!known) {
      bySubject.set(key, {
        ...entry,
        verbs: [...entry.verbs],
        kinds: [...entry.kinds],
        via: [...entry.via],
      });
      continue;
    }
    known.verbs = [...new Set([...known.verbs, ...entry.verbs])].sort();
    known.kinds = [...new Set([...known.kinds, ...entry.kinds])].sort();
    known.via = [...new Set([...known.via, ...entry.via])];
    known.scope =
      known.scope === 'cluster' || entry.scope === 'cluster'
        ? 'cluster'
        : {
            namespaces: [...new Set([...known.scope.namespaces, ...entry.scope.namespaces])].sort(),
          };
    known.names =
      known.names === 'all' || entry.names === 'all'
        ? 'all'
        : [...new Set([...known.names, ...entry.names])].sort();
    if (entry.observedMembers)
      known.observedMembers = [
        ...new Set([...(known.observedMembers ?? []), ...entry.observedMembers]),
      ].sort();
  }
  return [...bySubject.values()].sort((a, b) =>
    subjectKey(a.subject).localeCompare(subjectKey(b.subject)),
  );
}

function policyEditorsOf(answer: Answer): AccessEntry[] {
  const entries: AccessEntry[] = [];
  for (const path of answer.policies) {
    const via = path.bindings.map((b) =>
      describeChain({ binding: b.binding, role: path.role, rule: path.rule }),
    );
    for (const definite of path.definite) {
      const members = path.observed
        .filter(
          (o) => definite.subject.kind === 'Group' && o.viaGroups.includes(definite.subject.name),
        )
        .map((o) => o.subject.name);
      entries.push({
        subject: definite.subject,
        description: definite.description,
        verbs: [...definite.verbs],
        kinds: [path.kind],
        scope: definite.namespaces ? { namespaces: definite.namespaces } : path.scope,
        names: path.names,
        via,
        ...(members.length > 0 ? { observedMembers: members } : {}),
      });
    }
  }
  for (const path of answer.nonTiered ?? []) {
    const via = path.bindings.map((b) =>
      describeChain({ binding: b.binding, role: path.role, rule: path.rule }),
    );
    for (const subject of path.subjects) {
      entries.push({
        subject,
        verbs: [...path.verbs],
        kinds: [path.resource],
        scope: path.scope,
        names: path.names,
        via,
      });
    }
  }
  return mergeEntries(entries);
}

function tierModifiersOf(answer: Answer): AccessEntry[] {
  return answer.tierObject
    .filter((editor) => editor.effectiveVerbs.length > 0)
    .map((editor) => ({
      subject: editor.subject,
      description: editor.description,
      verbs: [...editor.effectiveVerbs],
      kinds: [],
      scope: 'cluster' as const,
      names: [answer.tier],
      via: editor.via.map(describeChain),
    }));
}

function indirectOf(answer: Answer): IndirectAccess[] {
  return answer.indirect.map((editor) => ({
    subject: editor.subject,
    path: editor.path,
    detail: `${editor.description}: ${editor.targets.join(', ') || 'any'}${editor.via.length > 0 ? ` (${editor.via.map(describeChain).join('; ')})` : ''}`,
  }));
}

/**
 * The access-control section for one tier from the RBAC engine's answer at the period end,
 * compared with its answer at the period start (who gained or lost the ability to edit), and
 * with the tier's configured owners when there are any.
 */
export function tierAccessOf(
  cluster: string,
  end: Answer,
  start?: Answer,
  owners?: readonly string[],
): TierAccess {
  const policyEditors = policyEditorsOf(end);
  const editorsAtStart = start ? policyEditorsOf(start) : policyEditors;
  const keysAtStart = new Set(editorsAtStart.map((e) => subjectKey(e.subject)));
  const keysAtEnd = new Set(policyEditors.map((e) => subjectKey(e.subject)));
  const ownerKeys = owners ? new Set(owners.map((o) => o.toLowerCase())) : undefined;
  const ownerKeyOf = (s: Subject) =>
    `${s.kind.toLowerCase()}:${s.namespace ? `${s.namespace}/` : ''}${s.name}`.toLowerCase();
  return {
    cluster,
    tier: end.tier,
    policyEditors,
    tierModifiers: tierModifiersOf(end),
    indirect: indirectOf(end),
    caveats: [...end.caveats],
    gained: policyEditors
      .filter((e) => !keysAtStart.has(subjectKey(e.subject)))
      .map((e) => e.subject),
    lost: editorsAtStart.filter((e) => !keysAtEnd.has(subjectKey(e.subject))).map((e) => e.subject),
    ...(ownerKeys
      ? {
          outsideOwners: policyEditors
            .filter((e) => !ownerKeys.has(ownerKeyOf(e.subject)))
            .map((e) => e.subject),
        }
      : {}),
  };
}
