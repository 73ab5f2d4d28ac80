/** No token has this id, or no unrevoked token has this name. */
export class TokenNotFoundError extends Error {
  override name = 'TokenNotFoundError';
  constructor(readonly reference: string) {
    super(`no API token with id or name "${reference}" (revoked tokens are found by id only)`);
  }
}
