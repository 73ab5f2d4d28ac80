import type { ApiConfig } from '@policy-ledger/config';
import type { OidcSettings } from '../oidc/create-oidc-verifier';

export const ACCESS_OPTIONS = Symbol('ACCESS_OPTIONS');

export interface AccessModuleOptions {
  /** The cluster a request concerns when it names none. */
  defaultCluster: string;
  /** Absent: only API tokens are accepted. */
  oidc?: OidcSettings;
  rateLimitPerMinute: number;
}

/** The access settings of the api's configuration. */
export function accessOptionsFrom(config: ApiConfig): AccessModuleOptions {
  return {
    defaultCluster: config.DEFAULT_CLUSTER,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    oidc: config.OIDC_ISSUER
      ? {
          issuer: config.OIDC_ISSUER,
          audience: config.OIDC_AUDIENCE ?? [],
          jwksUrl: config.OIDC_JWKS_URL,
          algorithms: config.OIDC_ALGORITHMS,
          clockToleranceSeconds: config.OIDC_CLOCK_TOLERANCE_SECONDS,
          rolesClaim: config.OIDC_ROLES_CLAIM,
          roleMap: config.OIDC_ROLE_MAP ?? {},
          clustersClaim: config.OIDC_CLUSTERS_CLAIM,
        }
      : undefined,
  };
}
