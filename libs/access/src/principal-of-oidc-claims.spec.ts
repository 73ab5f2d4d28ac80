import { describe, expect, it } from 'vitest';
import { type OidcClaimMapping, principalOfOidcClaims } from './principal-of-oidc-claims';

const mapping: OidcClaimMapping = {
  rolesClaim: 'groups',
  roleMap: { 'netsec-auditors': 'auditor', 'soc-team': 'soc', 'platform-admins': 'admin' },
};

describe('principalOfOidcClaims', () => {
  it.each<[string, Record<string, unknown>, OidcClaimMapping, string, string[] | null]>([
    ['one mapped group', { sub: 'u1', groups: ['soc-team'] }, mapping, 'soc', null],
    [
      'the highest of several roles',
      { sub: 'u1', groups: ['netsec-auditors', 'platform-admins', 'soc-team'] },
      mapping,
      'admin',
      null,
    ],
    [
      'mapped and unmapped groups',
      { sub: 'u1', groups: ['everyone', 'netsec-auditors'] },
      mapping,
      'auditor',
      null,
    ],
    ['a single group as a string', { sub: 'u1', groups: 'soc-team' }, mapping, 'soc', null],
    [
      'a nested roles claim',
      { sub: 'u1', realm_access: { roles: ['platform-admins'] } },
      { ...mapping, rolesClaim: 'realm_access.roles' },
      'admin',
      null,
    ],
    [
      'a namespaced claim with dots in its name',
      { sub: 'u1', 'https://example.com/groups': ['soc-team'] },
      { ...mapping, rolesClaim: 'https://example.com/groups' },
      'soc',
      null,
    ],
    [
      'a clusters claim',
      { sub: 'u1', groups: ['soc-team'], clusters: ['staging', 'prod'] },
      { ...mapping, clustersClaim: 'clusters' },
      'soc',
      ['prod', 'staging'],
    ],
    [
      'no clusters claim in the token: every cluster',
      { sub: 'u1', groups: ['soc-team'] },
      { ...mapping, clustersClaim: 'clusters' },
      'soc',
      null,
    ],
    [
      'a clusters claim with "*" and junk, which grant nothing',
      { sub: 'u1', groups: ['soc-team'], clusters: ['*', 'Prod!', 42, 'prod'] },
      { ...mapping, clustersClaim: 'clusters' },
      'soc',
      ['prod'],
    ],
    [
      'a clusters claim that is not a list: no cluster at all',
      { sub: 'u1', groups: ['soc-team'], clusters: { all: true } },
      { ...mapping, clustersClaim: 'clusters' },
      'soc',
      [],
    ],
  ])('maps %s', (_case, claims, m, role, clusters) => {
    expect(principalOfOidcClaims(claims, m)).toEqual({
      ok: true,
      principal: { id: 'oidc:u1', name: 'u1', role, clusters, via: 'oidc' },
    });
  });

  it('names the principal after preferred_username, else email', () => {
    const named = (claims: Record<string, unknown>) => {
      const identity = principalOfOidcClaims(
        { sub: 'u1', groups: ['soc-team'], ...claims },
        mapping,
      );
      return identity.ok ? identity.principal.name : undefined;
    };
    expect(named({ preferred_username: 'alice', email: 'alice@example.com' })).toBe('alice');
    expect(named({ email: 'alice@example.com' })).toBe('alice@example.com');
  });

  it.each<[string, Record<string, unknown>]>([
    ['no mapped group', { sub: 'u1', groups: ['everyone'] }],
    ['no groups claim', { sub: 'u1' }],
    ['a groups claim of another type', { sub: 'u1', groups: 7 }],
    [
      'a group named like an inherited property',
      { sub: 'u1', groups: ['constructor', 'toString'] },
    ],
    ['no subject', { groups: ['platform-admins'] }],
  ])('refuses %s', (_case, claims) => {
    expect(principalOfOidcClaims(claims, mapping)).toMatchObject({ ok: false });
  });
});
