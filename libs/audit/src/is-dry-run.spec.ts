import { describe, expect, it } from 'vitest';
import { isDryRun } from './is-dry-run';

describe('isDryRun', () => {
  it.each([
    ['dryRun=All', '/apis/projectcalico.org/v3/tiers?dryRun=All', true],
    ['among other parameters', '/apis/x?fieldManager=kubectl&dryRun=All&force=true', true],
    ['repeated, All among them', '/apis/x?dryRun=&dryRun=All', true],
    ['percent-encoded', '/apis/x?dryRun=%41ll', true],
    ['before a fragment', '/apis/x?dryRun=All#frag', true],
    ['no query', '/apis/projectcalico.org/v3/tiers', false],
    ['empty query', '/apis/x?', false],
    ['an empty value', '/apis/x?dryRun=', false],
    ['lower-case value (Kubernetes rejects it with 400)', '/apis/x?dryRun=all', false],
    ['lower-case parameter name (Kubernetes ignores it)', '/apis/x?dryrun=All', false],
    ['another parameter ending in dryRun', '/apis/x?notdryRun=All', false],
    ['dryRun=All in the path, not the query', '/apis/x/dryRun=All', false],
    ['after a fragment', '/apis/x#?dryRun=All', false],
    ['a malformed escape', '/apis/x?dryRun=%zz', false],
  ])('%s', (_name, requestUri, expected) => {
    expect(isDryRun(requestUri)).toBe(expected);
  });
});
