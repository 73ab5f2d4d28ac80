import { describe, expect, it } from 'vitest';
import type { PatchFlavour } from './audit-change';
import type { AuditEvent } from './audit-event';
import { detectPatchFlavour } from './detect-patch-flavour';

type PatchCase = Pick<AuditEvent, 'verb' | 'requestUri' | 'requestObject'>;

const PATH = '/apis/projectcalico.org/v3/tiers/security';
const MERGE_BODY = { spec: { order: 50 } };

describe('detectPatchFlavour', () => {
  it.each<[string, PatchCase, PatchFlavour | undefined]>([
    [
      'a JSON Patch array',
      { verb: 'patch', requestUri: PATH, requestObject: [{ op: 'remove', path: '/spec/order' }] },
      'json-patch',
    ],
    [
      'an empty JSON Patch array',
      { verb: 'patch', requestUri: PATH, requestObject: [] },
      'json-patch',
    ],
    [
      'kubectl apply --server-side',
      { verb: 'patch', requestUri: `${PATH}?fieldManager=kubectl&force=false`, requestObject: {} },
      'apply',
    ],
    [
      'a controller server-side apply',
      { verb: 'patch', requestUri: `${PATH}?fieldManager=flux`, requestObject: MERGE_BODY },
      'apply',
    ],
    [
      'server-side apply with force and a kubectl-prefixed manager',
      { verb: 'patch', requestUri: `${PATH}?fieldManager=kubectl-x&force=true`, requestObject: {} },
      'apply',
    ],
    [
      'kubectl client-side apply (a strategic merge patch)',
      {
        verb: 'patch',
        requestUri: `${PATH}?fieldManager=kubectl-client-side-apply&fieldValidation=Strict`,
        requestObject: MERGE_BODY,
      },
      'merge-patch',
    ],
    [
      'kubectl edit',
      { verb: 'patch', requestUri: `${PATH}?fieldManager=kubectl-edit`, requestObject: MERGE_BODY },
      'merge-patch',
    ],
    [
      'no query at all',
      { verb: 'patch', requestUri: PATH, requestObject: MERGE_BODY },
      'merge-patch',
    ],
    [
      'a JSON Patch wins over a field manager',
      {
        verb: 'patch',
        requestUri: `${PATH}?fieldManager=flux`,
        requestObject: [],
      },
      'json-patch',
    ],
    ['a patch without a body (Metadata level)', { verb: 'patch', requestUri: PATH }, undefined],
    ['an update', { verb: 'update', requestUri: PATH, requestObject: MERGE_BODY }, undefined],
    [
      'a create',
      { verb: 'create', requestUri: `${PATH}?fieldManager=flux`, requestObject: {} },
      undefined,
    ],
  ])('%s', (_name, event, expected) => {
    expect(detectPatchFlavour(event)).toBe(expected);
  });
});
