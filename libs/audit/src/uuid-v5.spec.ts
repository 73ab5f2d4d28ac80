import { describe, expect, it } from 'vitest';
import { DNS_NAMESPACE, URL_NAMESPACE, uuidV5 } from './uuid-v5';

const OID_NAMESPACE = '6ba7b812-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  it.each([
    [
      'RFC 9562 appendix A.4',
      DNS_NAMESPACE,
      'www.example.com',
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    ],
    [
      "Python's uuid5 documentation",
      DNS_NAMESPACE,
      'python.org',
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    ],
    [
      'a URL name (cross-checked with Python)',
      URL_NAMESPACE,
      'http://python.org/',
      '4c565f0d-3f5a-5890-b41b-20cf47701c5e',
    ],
    [
      'a non-ASCII name hashed as UTF-8 (cross-checked with Python)',
      OID_NAMESPACE,
      'é✓😀',
      'fb2c2209-9c36-58ca-b87a-451d9ce24ea3',
    ],
  ])('matches %s', (_source, namespace, name, expected) => {
    expect(uuidV5(namespace, name)).toBe(expected);
  });

  it('accepts an upper-case namespace', () => {
    expect(uuidV5(DNS_NAMESPACE.toUpperCase(), 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('sets version 5 and the RFC variant', () => {
    expect(uuidV5(URL_NAMESPACE, '')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it.each(['', 'not-a-uuid', '6ba7b8109dad11d180b400c04fd430c8', `${DNS_NAMESPACE}0`])(
    'refuses the namespace %j',
    (namespace) => {
      expect(() => uuidV5(namespace, 'x')).toThrow(TypeError);
    },
  );
});
