import { apiConfigSchema, ConfigError, loadConfig } from '@policy-ledger/config';
import { describe, expect, it } from 'vitest';
import { accessOptionsFrom } from './access-options';

const base = { DATABASE_URL: 'postgres://app:secret@127.0.0.1:5432/policy_ledger' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(apiConfigSchema, env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
}

describe('access settings from the api configuration', () => {
  it('accepts only API tokens, 600 requests a minute, unless told otherwise', () => {
    expect(accessOptionsFrom(loadConfig(apiConfigSchema, base))).toEqual({
      defaultCluster: 'default',
      rateLimitPerMinute: 600,
      oidc: undefined,
    });
  });

  it('reads the OIDC settings, with their defaults', () => {
    const options = accessOptionsFrom(
      loadConfig(apiConfigSchema, {
        ...base,
        OIDC_ISSUER: 'https://idp.example.com/realms/netsec',
        OIDC_AUDIENCE: 'policy-ledger',
        OIDC_ROLE_MAP: 'netsec-auditors=auditor, soc-team=soc,platform-admins=admin',
        RATE_LIMIT_PER_MINUTE: '120',
      }),
    );
    expect(options).toEqual({
      defaultCluster: 'default',
      rateLimitPerMinute: 120,
      oidc: {
        issuer: 'https://idp.example.com/realms/netsec',
        audience: ['policy-ledger'],
        jwksUrl: undefined,
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
        clockToleranceSeconds: 30,
        rolesClaim: 'groups',
        roleMap: { 'netsec-auditors': 'auditor', 'soc-team': 'soc', 'platform-admins': 'admin' },
        clustersClaim: undefined,
      },
    });
  });

  it('lists every problem at once, naming each variable', () => {
    expect(
      problemsOf({
        OIDC_ISSUER: 'https://idp.example.com',
        OIDC_ROLE_MAP: 'soc-team=root',
        OIDC_ALGORITHMS: 'HS256',
        RATE_LIMIT_PER_MINUTE: '0',
      }),
    ).toEqual(
      expect.arrayContaining([
        'DATABASE_URL: required',
        'OIDC_ROLE_MAP: "soc-team=root" is not group=role with a role of auditor, soc or admin',
        expect.stringMatching(/^OIDC_ALGORITHMS/),
        expect.stringMatching(/^RATE_LIMIT_PER_MINUTE/),
        'OIDC_AUDIENCE: required when OIDC_ISSUER is set',
      ]),
    );
  });

  it('requires an audience and a role map along with an issuer', () => {
    expect(problemsOf({ ...base, OIDC_ISSUER: 'https://idp.example.com' })).toEqual([
      'OIDC_AUDIENCE: required when OIDC_ISSUER is set',
      'OIDC_ROLE_MAP: required when OIDC_ISSUER is set',
    ]);
  });
});
