import type { Principal } from './principal';
import type { Role } from './role';

/** An API token as stored: everything but the secret, of which only the hash is kept. */
export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  clusters: string[] | null;
  createdAt: Date;
  createdBy: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
}

export type ApiTokenValidity = { usable: true } | { usable: false; reason: 'expired' | 'revoked' };

export function assessApiToken(
  token: Pick<ApiToken, 'expiresAt' | 'revokedAt'>,
  now: Date,
): ApiTokenValidity {
  if (token.revokedAt !== null && token.revokedAt <= now)
    return { usable: false, reason: 'revoked' };
  if (token.expiresAt !== null && token.expiresAt <= now)
    return { usable: false, reason: 'expired' };
  return { usable: true };
}

export function principalOfApiToken(
  token: Pick<ApiToken, 'id' | 'name' | 'role' | 'clusters'>,
): Principal {
  return {
    id: `token:${token.id}`,
    name: token.name,
    role: token.role,
    clusters: token.clusters,
    via: 'token',
    tokenId: token.id,
  };
}

const LAST_USE_RESOLUTION_MS = 60_000;

/** Last use is recorded to the minute, so a busy token costs one write a minute, not one a request. */
export function isLastUseStale(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= LAST_USE_RESOLUTION_MS;
}
