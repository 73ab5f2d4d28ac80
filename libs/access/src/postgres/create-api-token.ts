import { type ApiTokenRequest, type IssuedApiToken, issueApiToken } from '../issue-api-token';
import { type Db, insertApiToken } from './api-tokens.repository';

/** Issues a token and stores its hash; the secret in the result is never stored anywhere. */
export async function createApiToken(
  db: Db,
  request: ApiTokenRequest,
  context: { now: Date; createdBy: string },
): Promise<IssuedApiToken> {
  const issued = issueApiToken(request, context);
  await insertApiToken(db, issued.token, issued.hash);
  return issued;
}
