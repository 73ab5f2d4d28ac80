import type { SubjectRef } from './rbac-snapshot';

/** Who asks: `user` is undefined for "some member of these groups" (no User subject matches it). */
export interface Identity {
  user?: string;
  groups: readonly string[];
}

export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
export const MASTERS = 'system:masters';
export const SERVICE_ACCOUNTS = 'system:serviceaccounts';
const SA_USER_PREFIX = 'system:serviceaccount:';

/** A.2: the groups authentication adds before RBAC runs. */
export function normalizeIdentity(user: string | undefined, groups: readonly string[]): Identity {
  const out = [...new Set(groups)];
  const sa = user === undefined ? undefined : parseServiceAccountUsername(user);
  if (sa) addOnce(out, SERVICE_ACCOUNTS, `${SERVICE_ACCOUNTS}:${sa.namespace}`);
  if (user !== ANONYMOUS && !out.includes(AUTHENTICATED) && !out.includes(UNAUTHENTICATED))
    out.push(AUTHENTICATED);
  return user === undefined ? { groups: out } : { user, groups: out };
}

/** `system:serviceaccount:<ns>:<name>` → its parts; anything else → undefined. */
export function parseServiceAccountUsername(
  user: string,
): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_USER_PREFIX)) return undefined;
  const parts = user.slice(SA_USER_PREFIX.length).split(':');
  const [namespace, name] = parts;
  if (parts.length !== 2 || !namespace || !name) return undefined;
  return { namespace, name };
}

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_USER_PREFIX}${namespace}:${name}`;
}

/**
 * The identity of a subject as a requester: a User or ServiceAccount as itself, a Group as an
 * unnamed member of that group (an authenticated one, and a service account for the SA groups).
 */
export function memberIdentity(subject: SubjectRef): Identity {
  switch (subject.kind) {
    case 'User':
      return normalizeIdentity(subject.name, []);
    case 'ServiceAccount':
      return normalizeIdentity(serviceAccountUsername(subject.namespace, subject.name), []);
    case 'Group': {
      const groups = [subject.name];
      if (subject.name.startsWith(`${SERVICE_ACCOUNTS}:`)) groups.push(SERVICE_ACCOUNTS);
      return normalizeIdentity(undefined, groups);
    }
    default: {
      const unhandled: never = subject;
      return unhandled;
    }
  }
}

function addOnce(list: string[], ...values: string[]): void {
  for (const value of values) if (!list.includes(value)) list.push(value);
}
