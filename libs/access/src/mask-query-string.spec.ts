import { describe, expect, it } from 'vitest';
import { maskQueryString } from './mask-query-string';

describe('maskQueryString', () => {
  it.each([
    ['nothing secret', 'cluster=prod&limit=10', 'cluster=prod&limit=10'],
    [
      'an access_token parameter',
      'access_token=abc123&cluster=prod',
      'access_token=*****&cluster=prod',
    ],
    ['a token parameter in any case', 'Token=abc', 'Token=*****'],
    ['an API token under any name', 'q=plt_AbCdEf0123456789xyz', 'q=*****'],
    ['an encoded API token', 'q=%70lt_AbCdEf0123', 'q=*****'],
    ['a JWT under any name', 'x=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'x=*****'],
    ['a bearer credential', 'h=Bearer%20abc', 'h=*****'],
    ['a token as a bare key', 'plt_AbCdEf0123456789xyz&cluster=prod', '*****&cluster=prod'],
    ['a token as a key with a value', 'plt_AbCdEf0123456789xyz=1', '*****'],
    ['a password', 'password=hunter2', 'password=*****'],
    ['malformed percent-encoding', 'a=%E0%A4%A&cluster=prod', 'a=%E0%A4%A&cluster=prod'],
    ['an empty query', '', ''],
  ])('masks %s', (_case, query, expected) => {
    expect(maskQueryString(query)).toBe(expected);
  });

  it('bounds the length', () => {
    expect(maskQueryString(`a=${'x'.repeat(5_000)}`)).toHaveLength(2_048);
  });
});
