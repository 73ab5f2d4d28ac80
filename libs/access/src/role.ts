/** What a principal is, as far as Policy Ledger is concerned. */
export type Role = 'auditor' | 'soc' | 'admin';

/** Lowest to highest: when several roles apply, the last one listed here wins. */
export const ROLES: readonly Role[] = ['auditor', 'soc', 'admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The highest of the roles given, or undefined when there are none. */
export function highestRole(roles: Iterable<Role>): Role | undefined {
  let best: Role | undefined;
  for (const role of roles)
    if (best === undefined || ROLES.indexOf(role) > ROLES.indexOf(best)) best = role;
  return best;
}
