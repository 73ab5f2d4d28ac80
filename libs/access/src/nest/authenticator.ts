import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PG_POOL, PgListener } from '@policy-ledger/ledger';
import { LOGGER } from '@policy-ledger/observability';
import type pg from 'pg';
import type { Logger } from 'pino';
import { assessApiToken, isLastUseStale, principalOfApiToken } from '../api-token';
import { ApiTokenCache } from '../api-token-cache';
import { hashApiTokenSecret, isApiTokenShaped, isWellFormedApiToken } from '../api-token-secret';
import { createOidcVerifier, type OidcVerifier } from '../oidc/create-oidc-verifier';
import { parseBearerCredential } from '../parse-bearer-credential';
import {
  API_TOKENS_CHANNEL,
  findApiTokenByHash,
  recordApiTokenUse,
} from '../postgres/api-tokens.repository';
import type { Principal } from '../principal';
import { principalOfOidcClaims } from '../principal-of-oidc-claims';
import { ACCESS_OPTIONS, type AccessModuleOptions } from './access-options';

export type Authentication =
  | { ok: true; principal: Principal }
  | {
      ok: false;
      /** 401: no or a bad credential; 403: a valid identity without a role; 503: cannot tell now. */
      status: 401 | 403 | 503;
      reason: string;
      /** RFC 6750 error code for the WWW-Authenticate challenge; absent when no credential came. */
      error?: 'invalid_request' | 'invalid_token';
    };

/** A backstop only: revocations evict at once through the notification. */
const TOKEN_CACHE_TTL_MS = 30_000;

const invalidToken = (reason: string): Authentication => ({
  ok: false,
  status: 401,
  reason,
  error: 'invalid_token',
});

/** Turns an Authorization header into a principal: API tokens by their `plt_` prefix, else OIDC JWTs. */
@Injectable()
export class Authenticator implements OnModuleInit, OnModuleDestroy {
  private readonly oidc: OidcVerifier | undefined;
  /** When this process last wrote each token's last use: saves even the rare redundant write. */
  private readonly lastUseWritten = new Map<string, number>();

  private readonly cache = new ApiTokenCache({ ttlMs: TOKEN_CACHE_TTL_MS, maxEntries: 10_000 });
  /** Tokens are kept only while revocations can be heard: a revoked token stops working at once. */
  private readonly revocations: PgListener;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.oidc = options.oidc && createOidcVerifier(options.oidc);
    this.revocations = new PgListener({
      pool,
      channel: API_TOKENS_CHANNEL,
      onNotification: (tokenId) => (tokenId ? this.cache.evict(tokenId) : this.cache.clear()),
      onListening: () => this.cache.clear(),
      onLost: (error) => {
        this.cache.clear();
        this.logger.warn(
          { err: error },
          'API token revocations: LISTEN lost; looking tokens up per request',
        );
      },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.revocations
      .start()
      .catch((error: Error) =>
        this.logger.warn(
          { err: error },
          'API token revocations: LISTEN failed; looking tokens up per request',
        ),
      );
  }

  async onModuleDestroy(): Promise<void> {
    await this.revocations.stop();
  }

  async authenticate(authorization: string | undefined): Promise<Authentication> {
    const bearer = parseBearerCredential(authorization);
    if (!bearer.ok)
      return bearer.reason === 'missing'
        ? { ok: false, status: 401, reason: 'an Authorization: Bearer token is required' }
        : {
            ok: false,
            status: 401,
            reason: 'the Authorization header is not "Bearer <token>"',
            error: 'invalid_request',
          };
    return isApiTokenShaped(bearer.credential)
      ? this.authenticateApiToken(bearer.credential)
      : this.authenticateJwt(bearer.credential);
  }

  private async authenticateApiToken(secret: string): Promise<Authentication> {
    if (!isWellFormedApiToken(secret)) return invalidToken('not an API token this service issued');
    const now = new Date();
    // Found by its hash, never compared: how long the lookup takes says nothing about the secret.
    const hash = hashApiTokenSecret(secret);
    const key = hash.toString('base64');
    let token = this.revocations.listening ? this.cache.find(key, now.getTime()) : undefined;
    if (!token) {
      const generation = this.cache.currentGeneration();
      try {
        token = await findApiTokenByHash(this.pool, hash);
      } catch (error) {
        this.logger.error({ err: error }, 'API token lookup failed');
        return { ok: false, status: 503, reason: 'credentials cannot be verified right now' };
      }
      if (token && this.revocations.listening)
        this.cache.keep(key, token, generation, now.getTime());
    }
    if (!token) return invalidToken('unknown API token');
    const validity = assessApiToken(token, now);
    if (!validity.usable)
      return invalidToken(
        `the API token has ${validity.reason === 'expired' ? 'expired' : 'been revoked'}`,
      );
    this.noteUse(token.id, token.lastUsedAt, now);
    return { ok: true, principal: principalOfApiToken(token) };
  }

  private noteUse(id: string, lastUsedAt: Date | null, now: Date): void {
    const written = this.lastUseWritten.get(id);
    const known =
      written !== undefined && (lastUsedAt === null || written > lastUsedAt.getTime())
        ? new Date(written)
        : lastUsedAt;
    if (!isLastUseStale(known, now)) return;
    this.lastUseWritten.set(id, now.getTime());
    recordApiTokenUse(this.pool, id, now).catch((error: unknown) =>
      this.logger.warn(
        { err: error, tokenId: id },
        'could not record the last use of an API token',
      ),
    );
  }

  private async authenticateJwt(jwt: string): Promise<Authentication> {
    if (!this.oidc || !this.options.oidc)
      return invalidToken('not an API token, and OIDC sign-in is not configured');
    const verification = await this.oidc.verify(jwt);
    if (!verification.ok) {
      if (!verification.unavailable) return invalidToken(verification.reason);
      this.logger.warn({ reason: verification.reason }, 'OIDC token could not be verified');
      return { ok: false, status: 503, reason: 'credentials cannot be verified right now' };
    }
    const identity = principalOfOidcClaims(verification.claims, this.options.oidc);
    return identity.ok
      ? { ok: true, principal: identity.principal }
      : { ok: false, status: 403, reason: identity.reason };
  }
}
