import { describe, expect, it } from 'vitest';
import { decodeAccessLogCursor, encodeAccessLogCursor } from './access-log-cursor';
import { buildAccessLogEntry, type ObservedRequest } from './access-log-entry';

const request: ObservedRequest = {
  at: new Date('2026-03-01T10:00:00Z'),
  principal: {
    id: 'token:t1',
    name: 'alice',
    role: 'soc',
    clusters: null,
    via: 'token',
    tokenId: 't1',
  },
  method: 'GET',
  route: '/v1/changes',
  url: '/v1/changes?cluster=prod&access_token=plt_AbCdEf0123456789xyz',
  status: 200,
  durationMs: 1.23456,
  clientIp: '10.0.0.7',
  userAgent: 'curl/8.5.0',
};

describe('buildAccessLogEntry', () => {
  it('splits path and query, masking credentials in the query', () => {
    expect(buildAccessLogEntry(request)).toEqual({
      at: request.at,
      principalId: 'token:t1',
      principalName: 'alice',
      role: 'soc',
      via: 'token',
      method: 'GET',
      route: '/v1/changes',
      path: '/v1/changes',
      query: 'cluster=prod&access_token=*****',
      status: 200,
      durationMs: 1.235,
      clientIp: '10.0.0.7',
      userAgent: 'curl/8.5.0',
    });
  });

  it.each([
    ['no query', { url: '/v1/tokens' }, { path: '/v1/tokens', query: null }],
    ['a client address that is not an address', { clientIp: 'unknown' }, { clientIp: null }],
    ['an IPv6 client', { clientIp: '::1' }, { clientIp: '::1' }],
    ['a NUL byte', { userAgent: 'evil\u0000agent' }, { userAgent: 'evilagent' }],
    ['a huge user agent', { userAgent: 'x'.repeat(10_000) }, { userAgent: 'x'.repeat(512) }],
    ['no route', { route: undefined }, { route: null }],
    ['a status outside HTTP', { status: 0 }, { status: 500 }],
  ])('copes with %s', (_case, change, expected) => {
    expect(buildAccessLogEntry({ ...request, ...change })).toMatchObject(expected);
  });
});

describe('access log cursors', () => {
  const cursor = { at: '2026-03-01T10:00:00.123000Z', id: '42' };

  it('come back as they went out', () => {
    expect(decodeAccessLogCursor(encodeAccessLogCursor(cursor, 'alice'), 'alice')).toEqual({
      ok: true,
      cursor,
    });
    expect(decodeAccessLogCursor(encodeAccessLogCursor(cursor, undefined), undefined)).toEqual({
      ok: true,
      cursor,
    });
  });

  it.each([
    ['garbage', 'not-a-cursor', undefined],
    ['another filter', encodeAccessLogCursor(cursor, 'alice'), 'bob'],
    [
      'a forged id',
      Buffer.from(JSON.stringify({ at: cursor.at, id: '1 or 1=1', p: null })).toString('base64url'),
      undefined,
    ],
    [
      'a forged time',
      Buffer.from(JSON.stringify({ at: 'yesterday', id: '1', p: null })).toString('base64url'),
      undefined,
    ],
  ])('refuse %s', (_case, text, principal) => {
    expect(decodeAccessLogCursor(text, principal)).toMatchObject({ ok: false });
  });
});
