import { describe, expect, it } from 'vitest';
import { memberIdentity, normalizeIdentity } from './normalize-identity';

describe('normalizeIdentity (A.2)', () => {
  it.each([
    ['adds system:authenticated to a user', 'alice', [], ['system:authenticated']],
    ['keeps the given groups first', 'alice', ['devs'], ['devs', 'system:authenticated']],
    [
      'adds the service-account groups',
      'system:serviceaccount:ns1:sa1',
      [],
      ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated'],
    ],
    ['leaves system:anonymous unauthenticated', 'system:anonymous', [], []],
    [
      'does not add system:authenticated next to system:unauthenticated',
      'alice',
      ['system:unauthenticated'],
      ['system:unauthenticated'],
    ],
    [
      'does not treat a malformed SA name as a service account',
      'system:serviceaccount:ns1',
      [],
      ['system:authenticated'],
    ],
    ['removes repeated groups', 'alice', ['devs', 'devs'], ['devs', 'system:authenticated']],
  ])('%s', (_name, user, groups, expected) => {
    expect(normalizeIdentity(user, groups).groups).toEqual(expected);
  });
});

describe('memberIdentity', () => {
  it.each([
    [
      'a group member is an authenticated user',
      { kind: 'Group' as const, name: 'devs' },
      ['devs', 'system:authenticated'],
    ],
    [
      'a member of an SA namespace group is a service account',
      { kind: 'Group' as const, name: 'system:serviceaccounts:ns1' },
      ['system:serviceaccounts:ns1', 'system:serviceaccounts', 'system:authenticated'],
    ],
    [
      'a service account carries its groups',
      { kind: 'ServiceAccount' as const, namespace: 'ns2', name: 'sa' },
      ['system:serviceaccounts', 'system:serviceaccounts:ns2', 'system:authenticated'],
    ],
  ])('%s', (_name, subject, groups) => {
    expect(memberIdentity(subject).groups).toEqual(groups);
  });
});
