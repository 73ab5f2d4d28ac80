import type { Outcome } from './audit-change';
import type { AuditEvent } from './audit-event';
import { isDryRun } from './is-dry-run';

export const AUTHORIZATION_DECISION_ANNOTATION = 'authorization.k8s.io/decision';

type OutcomeInput = Pick<
  AuditEvent,
  'stage' | 'responseStatus' | 'responseObject' | 'requestUri' | 'annotations'
>;

/** What came of a request: applied, denied (401/403), failed (other non-2xx, Panic) or dryrun. */
export function outcomeOf(event: OutcomeInput): Outcome {
  if (event.stage === 'Panic') return 'failed';
  const code = statusCodeOf(event);
  if (code === undefined) return outcomeWithoutStatusCode(event);
  if (isDeniedCode(code)) return 'denied';
  if (!isSuccessCode(code)) return 'failed';
  return successOutcome(event);
}

/** responseStatus.code, else the code of a Status returned as responseObject (RequestResponse level). */
export function statusCodeOf(
  event: Pick<AuditEvent, 'responseStatus' | 'responseObject'>,
): number | undefined {
  return event.responseStatus?.code ?? statusObjectCode(event.responseObject);
}

// kube-apiserver writes a code on every terminal event; without one, the request completed, so
// it counts as applied unless the authorizer's decision or a Failure status says otherwise.
function outcomeWithoutStatusCode(event: OutcomeInput): Outcome {
  if (event.annotations[AUTHORIZATION_DECISION_ANNOTATION] === 'forbid') return 'denied';
  if (isFailureStatus(event)) return 'failed';
  return successOutcome(event);
}

function successOutcome(event: Pick<AuditEvent, 'requestUri'>): Outcome {
  return isDryRun(event.requestUri) ? 'dryrun' : 'applied';
}

function isDeniedCode(code: number): boolean {
  return code === 401 || code === 403;
}

function isSuccessCode(code: number): boolean {
  return code >= 200 && code < 300;
}

function isFailureStatus(event: Pick<AuditEvent, 'responseStatus' | 'responseObject'>): boolean {
  return (
    event.responseStatus?.status === 'Failure' ||
    (isStatusObject(event.responseObject) && event.responseObject.status === 'Failure')
  );
}

function statusObjectCode(responseObject: unknown): number | undefined {
  if (!isStatusObject(responseObject)) return undefined;
  return Number.isInteger(responseObject.code) ? (responseObject.code as number) : undefined;
}

function isStatusObject(value: unknown): value is { kind: 'Status'; [key: string]: unknown } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    (value as { kind?: unknown }).kind === 'Status'
  );
}
