import { isBroadSubject } from '@policy-ledger/policy';

interface SubjectLike {
  kind: string;
  name: string;
  namespace?: string;
}

const BROAD_MEANINGS: Readonly<Record<string, string>> = {
  'system:authenticated': 'every authenticated user',
  'system:unauthenticated': 'every anonymous request',
  'system:serviceaccounts': 'every service account',
  'system:anonymous': 'anonymous requests',
};

/** "Group system:authenticated (every authenticated user)", "ServiceAccount ci/deployer". */
export function describeSubject(subject: SubjectLike): string {
  const name =
    subject.kind === 'ServiceAccount' && subject.namespace !== undefined
      ? `${subject.namespace}/${subject.name}`
      : subject.name;
  const meaning = broadMeaning(subject);
  return `${subject.kind} ${name}${meaning === undefined ? '' : ` (${meaning})`}`;
}

function broadMeaning(subject: SubjectLike): string | undefined {
  if (!isBroadSubject(subject)) return undefined;
  if (Object.hasOwn(BROAD_MEANINGS, subject.name)) return BROAD_MEANINGS[subject.name];
  return `every service account in ${subject.name.slice('system:serviceaccounts:'.length)}`;
}

export function subjectKey(subject: SubjectLike): string {
  return `${subject.kind}:${subject.namespace ?? ''}:${subject.name}`;
}

/**
 * Kubernetes and Calico's own identities (system:kube-controller-manager, the calico-apiserver
 * service account...): their grants are the platform's, not a finding. Broad groups are not.
 */
export function isSystemIdentity(
  subject: SubjectLike,
  systemNamespaces: readonly string[],
): boolean {
  if (isBroadSubject(subject)) return false;
  if (subject.kind === 'ServiceAccount')
    return subject.namespace !== undefined && systemNamespaces.includes(subject.namespace);
  const serviceAccount = /^system:serviceaccount:([^:]+):/.exec(subject.name);
  if (serviceAccount !== null) return systemNamespaces.includes(serviceAccount[1] ?? '');
  return subject.name.startsWith('system:');
}
