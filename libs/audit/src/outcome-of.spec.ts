import { describe, expect, it } from 'vitest';
import type { Outcome } from './audit-change';
import type { AuditEvent } from './audit-event';
import { outcomeOf } from './outcome-of';

type OutcomeCase = Partial<
  Pick<AuditEvent, 'stage' | 'responseStatus' | 'responseObject' | 'requestUri' | 'annotations'>
>;

function outcome(overrides: OutcomeCase): Outcome {
  return outcomeOf({
    stage: 'ResponseComplete',
    requestUri: '/apis/projectcalico.org/v3/tiers',
    annotations: {},
    ...overrides,
  });
}

describe('outcomeOf', () => {
  it.each<[string, OutcomeCase, Outcome]>([
    ['201 Created', { responseStatus: { code: 201 } }, 'applied'],
    ['200 OK', { responseStatus: { code: 200 } }, 'applied'],
    ['202 Accepted (graceful delete)', { responseStatus: { code: 202 } }, 'applied'],
    ['401 Unauthorized', { responseStatus: { code: 401 } }, 'denied'],
    ['403 Forbidden', { responseStatus: { code: 403 } }, 'denied'],
    ['404 NotFound', { responseStatus: { code: 404 } }, 'failed'],
    ['409 Conflict', { responseStatus: { code: 409, reason: 'Conflict' } }, 'failed'],
    ['409 AlreadyExists', { responseStatus: { code: 409, reason: 'AlreadyExists' } }, 'failed'],
    ['422 Invalid', { responseStatus: { code: 422 } }, 'failed'],
    ['500 InternalError', { responseStatus: { code: 500 } }, 'failed'],
    ['a 3xx', { responseStatus: { code: 304 } }, 'failed'],
    ['a 1xx', { responseStatus: { code: 101 } }, 'failed'],
    ['Panic, even with a 2xx code', { stage: 'Panic', responseStatus: { code: 200 } }, 'failed'],
    [
      '201 with dryRun=All',
      { responseStatus: { code: 201 }, requestUri: '/apis/x?dryRun=All' },
      'dryrun',
    ],
    [
      '403 with dryRun=All is still denied',
      { responseStatus: { code: 403 }, requestUri: '/apis/x?dryRun=All' },
      'denied',
    ],
    [
      '422 with dryRun=All is still failed',
      { responseStatus: { code: 422 }, requestUri: '/apis/x?dryRun=All' },
      'failed',
    ],
    ['no code, nothing against it', { responseStatus: {} }, 'applied'],
    ['no responseStatus at all', {}, 'applied'],
    ['no code, dry run', { requestUri: '/apis/x?dryRun=All' }, 'dryrun'],
    [
      'no code, authorizer forbade',
      { annotations: { 'authorization.k8s.io/decision': 'forbid' } },
      'denied',
    ],
    ['no code, status Failure', { responseStatus: { status: 'Failure' } }, 'failed'],
    [
      'no code, a Failure Status as responseObject',
      { responseObject: { kind: 'Status', status: 'Failure' } },
      'failed',
    ],
    [
      'no code, the code of a Status responseObject',
      { responseObject: { kind: 'Status', status: 'Failure', code: 403 } },
      'denied',
    ],
    [
      'no code, a success Status as responseObject',
      { responseObject: { kind: 'Status', status: 'Success' } },
      'applied',
    ],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(outcome(overrides)).toBe(expected);
  });
});
