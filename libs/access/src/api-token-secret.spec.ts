import { describe, expect, it } from 'vitest';
import { assessApiToken, isLastUseStale, principalOfApiToken } from './api-token';
import {
  generateApiTokenSecret,
  hashApiTokenSecret,
  isApiTokenShaped,
  isWellFormedApiToken,
} from './api-token-secret';
import { apiTokenRequestSchema, issueApiToken, mayGrantClusters } from './issue-api-token';
import { parseBearerCredential } from './parse-bearer-credential';
import { parseExpiresIn } from './parse-expires-in';

const now = new Date('2026-03-01T10:00:00Z');

describe('API token secrets', () => {
  it('are plt_ and 256 random bits in base64url, different every time', () => {
    const secrets = Array.from({ length: 50 }, generateApiTokenSecret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^plt_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secret.slice(4), 'base64url')).toHaveLength(32);
      expect(isWellFormedApiToken(secret)).toBe(true);
    }
    expect(new Set(secrets).size).toBe(50);
  });

  it('hash to 32 bytes, the same secret always to the same hash', () => {
    const secret = generateApiTokenSecret();
    expect(hashApiTokenSecret(secret)).toHaveLength(32);
    expect(hashApiTokenSecret(secret).equals(hashApiTokenSecret(secret))).toBe(true);
    expect(hashApiTokenSecret(secret).equals(hashApiTokenSecret(generateApiTokenSecret()))).toBe(
      false,
    );
    expect(hashApiTokenSecret(secret).toString('hex')).not.toContain(
      Buffer.from(secret).toString('hex'),
    );
  });

  it.each([
    ['an issued token', generateApiTokenSecret(), true, true],
    ['a truncated token', generateApiTokenSecret().slice(0, 30), true, false],
    ['a token with a character outside base64url', `plt_${'a'.repeat(42)}!`, true, false],
    ['a JWT', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', false, false],
    ['garbage', 'hunter2', false, false],
  ])('tells %s apart', (_case, credential, shaped, wellFormed) => {
    expect(isApiTokenShaped(credential)).toBe(shaped);
    expect(isWellFormedApiToken(credential)).toBe(wellFormed);
  });
});

describe('parseBearerCredential', () => {
  it.each([
    ['Bearer plt_abc', { ok: true, credential: 'plt_abc' }],
    ['bearer a.b.c', { ok: true, credential: 'a.b.c' }],
    [undefined, { ok: false, reason: 'missing' }],
    ['', { ok: false, reason: 'missing' }],
    ['Basic dXNlcjpwYXNz', { ok: false, reason: 'malformed' }],
    ['Bearer', { ok: false, reason: 'malformed' }],
    ['Bearer two words', { ok: false, reason: 'malformed' }],
  ])('reads %j', (header, expected) => {
    expect(parseBearerCredential(header)).toEqual(expected);
  });
});

describe('parseExpiresIn', () => {
  it.each([
    ['90d', 90 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['30m', 1_800_000],
    ['45s', 45_000],
    ['2w', 14 * 86_400_000],
    ['never', null],
  ])('reads %s', (text, ms) => {
    expect(parseExpiresIn(text)).toEqual({ ok: true, ms });
  });

  it.each(['0d', '-1d', '90', 'd', '1y', '99999d', ' 90d'])('refuses %j', (text) => {
    expect(parseExpiresIn(text)).toMatchObject({ ok: false });
  });
});

describe('issueApiToken', () => {
  it('expires in 90 days unless asked otherwise, and keeps only what it needs', () => {
    const issued = issueApiToken({ name: 'alice', role: 'soc' }, { now, createdBy: 'cli:root' });
    expect(issued.token).toMatchObject({
      name: 'alice',
      role: 'soc',
      clusters: null,
      createdAt: now,
      createdBy: 'cli:root',
      expiresAt: new Date('2026-05-30T10:00:00Z'),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(issued.hash.equals(hashApiTokenSecret(issued.secret))).toBe(true);
    expect(JSON.stringify(issued.token)).not.toContain(issued.secret);
  });

  it('limits to the clusters asked for, each once, and can be told never to expire', () => {
    const issued = issueApiToken(
      { name: 'ci', role: 'auditor', clusters: ['staging', 'prod', 'staging'], expiresIn: 'never' },
      { now, createdBy: 'token:x' },
    );
    expect(issued.token).toMatchObject({ clusters: ['prod', 'staging'], expiresAt: null });
  });

  it.each([
    ['an unknown role', { name: 'a', role: 'root' }],
    ['a name with a space', { name: 'alice smith', role: 'soc' }],
    [
      'a name that looks like a token id',
      { name: '0b9a7f4e-8c1d-4f5e-9a2b-3c4d5e6f7a8b', role: 'soc' },
    ],
    ['an empty cluster list', { name: 'a', role: 'soc', clusters: [] }],
    ['a cluster that is not a DNS label', { name: 'a', role: 'soc', clusters: ['*'] }],
    ['a bad duration', { name: 'a', role: 'soc', expiresIn: 'forever' }],
    ['an unknown field', { name: 'a', role: 'soc', admin: true }],
  ])('is refused %s', (_case, request) => {
    expect(apiTokenRequestSchema.safeParse(request).success).toBe(false);
  });
});

describe('mayGrantClusters', () => {
  it.each<[string, string[] | null, string[] | undefined, boolean]>([
    ['an unrestricted granter, anything', null, undefined, true],
    ['an unrestricted granter, some clusters', null, ['prod'], true],
    ['a limited granter, a subset', ['prod', 'staging'], ['prod'], true],
    ['a limited granter, every cluster', ['prod'], undefined, false],
    ['a limited granter, another cluster', ['prod'], ['prod', 'dev'], false],
  ])('%s: %j grants %j → %s', (_case, granter, requested, expected) => {
    expect(mayGrantClusters(granter, requested)).toBe(expected);
  });
});

describe('stored tokens', () => {
  const token = { expiresAt: new Date('2026-03-02T00:00:00Z'), revokedAt: null };

  it.each([
    ['a live token', token, now, { usable: true }],
    [
      'an expired token',
      token,
      new Date('2026-03-02T00:00:00Z'),
      { usable: false, reason: 'expired' },
    ],
    ['a revoked token', { ...token, revokedAt: now }, now, { usable: false, reason: 'revoked' }],
    [
      'a token that never expires',
      { expiresAt: null, revokedAt: null },
      new Date('2099-01-01'),
      { usable: true },
    ],
  ])('assess %s', (_case, stored, at, expected) => {
    expect(assessApiToken(stored, at)).toEqual(expected);
  });

  it('become principals named after the token', () => {
    expect(
      principalOfApiToken({ id: 'f00', name: 'alice', role: 'soc', clusters: ['prod'] }),
    ).toEqual({
      id: 'token:f00',
      name: 'alice',
      role: 'soc',
      clusters: ['prod'],
      via: 'token',
      tokenId: 'f00',
    });
  });

  it.each([
    [null, true],
    [new Date(now.getTime() - 59_999), false],
    [new Date(now.getTime() - 60_000), true],
  ])('last use %j is recorded again: %s', (lastUsedAt, stale) => {
    expect(isLastUseStale(lastUsedAt, now)).toBe(stale);
  });
});
