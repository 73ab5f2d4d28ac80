import { createRemoteJWKSet, errors, type JWSAlgorithm, type JWTPayload, jwtVerify } from 'jose';
import type { OidcClaimMapping } from '../principal-of-oidc-claims';

export interface OidcSettings extends OidcClaimMapping {
  issuer: string;
  audience: string[];
  /** Default: the jwks_uri of the issuer's /.well-known/openid-configuration. */
  jwksUrl?: string;
  algorithms: string[];
  clockToleranceSeconds: number;
}

export type OidcVerification =
  | { ok: true; claims: JWTPayload }
  /** unavailable: the issuer could not be asked, so nothing is known about the token. */
  | { ok: false; reason: string; unavailable: boolean };

export interface OidcVerifier {
  verify(jwt: string): Promise<OidcVerification>;
}

const FETCH_TIMEOUT_MS = 5_000;

/**
 * Verifies bearer JWTs against the issuer's published keys: signature, issuer, audience,
 * algorithm, expiry (required) and not-before, with some clock tolerance. The key set is
 * discovered on first use and cached by jose, refetched when a token names an unknown key.
 */
export function createOidcVerifier(settings: OidcSettings): OidcVerifier {
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keySet = () => {
    if (!keys) {
      const attempt = jwksUrlOf(settings).then((url) =>
        createRemoteJWKSet(url, { timeoutDuration: FETCH_TIMEOUT_MS, cooldownDuration: 30_000 }),
      );
      // A failed discovery is retried by the next request rather than remembered.
      attempt.catch(() => {
        if (keys === attempt) keys = undefined;
      });
      keys = attempt;
    }
    return keys;
  };
  return {
    async verify(jwt) {
      try {
        const { payload } = await jwtVerify(jwt, await keySet(), {
          issuer: settings.issuer,
          audience: settings.audience,
          algorithms: settings.algorithms as JWSAlgorithm[],
          clockTolerance: settings.clockToleranceSeconds,
          requiredClaims: ['sub', 'exp'],
        });
        return { ok: true, claims: payload };
      } catch (error) {
        return describeFailure(error);
      }
    },
  };
}

async function jwksUrlOf(settings: OidcSettings): Promise<URL> {
  if (settings.jwksUrl) return new URL(settings.jwksUrl);
  const discovery = `${settings.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(discovery, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    redirect: 'error',
  });
  if (!response.ok) throw new Error(`OIDC discovery ${discovery} answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== settings.issuer)
    throw new Error(
      `OIDC discovery ${discovery} names issuer ${String(document.issuer)}, not ${settings.issuer}`,
    );
  if (typeof document.jwks_uri !== 'string')
    throw new Error(`OIDC discovery ${discovery} has no jwks_uri`);
  return new URL(document.jwks_uri);
}

function describeFailure(error: unknown): OidcVerification & { ok: false } {
  const invalid = (reason: string) => ({ ok: false as const, reason, unavailable: false });
  if (!(error instanceof errors.JOSEError)) {
    // Discovery or key fetching failed (network, HTTP status): the token itself is not at fault.
    return {
      ok: false,
      reason: `the OIDC issuer's keys could not be fetched: ${(error as Error).message}`,
      unavailable: true,
    };
  }
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return invalid('the token has expired');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const claim = (error as errors.JWTClaimValidationFailed).claim;
      return invalid(
        `the token's ${claim} claim is ${(error as errors.JWTClaimValidationFailed).reason === 'missing' ? 'missing' : 'not acceptable'}`,
      );
    }
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return invalid("the token's signing algorithm is not allowed");
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return invalid('no key of the issuer matches the token');
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return invalid("the token's signature does not verify");
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return {
        ok: false,
        reason: "the OIDC issuer's keys could not be fetched",
        unavailable: true,
      };
    default:
      return invalid('the token is not a well-formed, signed JWT');
  }
}
