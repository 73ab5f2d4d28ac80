import { isClusterName } from './is-cluster-name';
import type { Principal } from './principal';
import { highestRole, type Role } from './role';

export interface OidcClaimMapping {
  /** The claim listing the caller's groups (a name, or a dotted path such as realm_access.roles). */
  rolesClaim: string;
  /** Group → role; when several groups match, the highest role wins. */
  roleMap: Readonly<Record<string, Role>>;
  /** A claim listing the clusters the caller may see; when absent from a token, every cluster. */
  clustersClaim?: string;
}

export type OidcIdentity = { ok: true; principal: Principal } | { ok: false; reason: string };

/** Who a verified token's claims describe, and with which role; never throws on odd claims. */
export function principalOfOidcClaims(
  claims: Readonly<Record<string, unknown>>,
  mapping: OidcClaimMapping,
): OidcIdentity {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '')
    return { ok: false, reason: 'the token has no sub claim' };
  const groups = claimValues(readClaim(claims, mapping.rolesClaim));
  const role = highestRole(
    groups.flatMap((g) => (Object.hasOwn(mapping.roleMap, g) ? [mapping.roleMap[g]!] : [])),
  );
  if (role === undefined)
    return {
      ok: false,
      reason: `no Policy Ledger role: claim ${mapping.rolesClaim} names none of the groups OIDC_ROLE_MAP maps`,
    };
  const clustersClaim = mapping.clustersClaim
    ? readClaim(claims, mapping.clustersClaim)
    : undefined;
  return {
    ok: true,
    principal: {
      id: `oidc:${sub}`,
      name: displayName(claims) ?? sub,
      role,
      // Names that are not cluster names (such as "*") are dropped rather than trusted.
      clusters:
        clustersClaim === undefined
          ? null
          : [...new Set(claimValues(clustersClaim).filter(isClusterName))].sort(),
      via: 'oidc',
    },
  };
}

function readClaim(claims: Readonly<Record<string, unknown>>, name: string): unknown {
  // Namespaced claims ("https://example.com/groups") contain dots: the literal name comes first.
  if (Object.hasOwn(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const key of name.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function claimValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function displayName(claims: Readonly<Record<string, unknown>>): string | undefined {
  for (const key of ['preferred_username', 'email', 'name']) {
    const value = claims[key];
    if (typeof value === 'string' && value !== '') return value.slice(0, 200);
  }
  return undefined;
}
