import { describe, expect, it } from 'vitest';
import { createOidcVerifier, type OidcSettings } from './create-oidc-verifier';

// Port 9 (discard) on loopback: nothing listens, so every fetch fails at once.
const unreachable: OidcSettings = {
  issuer: 'http://127.0.0.1:9',
  audience: ['policy-ledger'],
  algorithms: ['RS256'],
  clockToleranceSeconds: 30,
  rolesClaim: 'groups',
  roleMap: { admins: 'admin' },
};

const someJwt =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ4IiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl';

describe('createOidcVerifier', () => {
  it('calls a token it cannot check against an unreachable issuer unavailable, not invalid', async () => {
    const verification = await createOidcVerifier(unreachable).verify(someJwt);
    expect(verification).toMatchObject({ ok: false, unavailable: true });
  });

  it('refuses what is not a signed JWT before asking the issuer anything', async () => {
    const verifier = createOidcVerifier({ ...unreachable, jwksUrl: 'http://127.0.0.1:9/jwks' });
    expect(await verifier.verify('not-a-jwt')).toEqual({
      ok: false,
      reason: 'the token is not a well-formed, signed JWT',
      unavailable: false,
    });
  });

  it('refuses an unsigned token (alg none) whatever it claims', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ sub: 'x', groups: ['admins'] })).toString(
      'base64url',
    );
    const verifier = createOidcVerifier({ ...unreachable, jwksUrl: 'http://127.0.0.1:9/jwks' });
    expect(await verifier.verify(`${header}.${claims}.`)).toMatchObject({
      ok: false,
      unavailable: false,
    });
  });
});
