import { AmbiguousTokenNameError } from '../ambiguous-token-name-error';
import type { ApiToken } from '../api-token';
import { isTokenId } from '../issue-api-token';
import { TokenNotFoundError } from '../token-not-found-error';
import {
  type Db,
  findApiToken,
  findUnrevokedApiTokensByName,
  revokeApiToken,
} from './api-tokens.repository';

export interface Revocation {
  token: ApiToken;
  /** It was revoked before this call: revoking is idempotent. */
  alreadyRevoked: boolean;
}

/** Revokes a token named by id, or by name when exactly one unrevoked token bears it. */
export async function revokeApiTokenByReference(
  db: Db,
  reference: string,
  context: { now: Date; revokedBy: string },
): Promise<Revocation> {
  let id = reference;
  if (!isTokenId(reference)) {
    const named = await findUnrevokedApiTokensByName(db, reference);
    if (named.length === 0) throw new TokenNotFoundError(reference);
    if (named.length > 1)
      throw new AmbiguousTokenNameError(
        reference,
        named.map((t) => t.id),
      );
    id = named[0]!.id;
  }
  const revoked = await revokeApiToken(db, id, context.revokedBy, context.now);
  if (revoked) return { token: revoked, alreadyRevoked: false };
  const existing = await findApiToken(db, id);
  if (!existing) throw new TokenNotFoundError(reference);
  return { token: existing, alreadyRevoked: true };
}
