import type { PatchFlavour } from './audit-change';
import type { AuditEvent } from './audit-event';
import { requestQuery } from './request-query';

/**
 * How the body of a `patch` is to be applied, guessed from its shape and request URI (the audit
 * event does not record the patch content type). Undefined for other verbs or without a body.
 */
export function detectPatchFlavour(
  event: Pick<AuditEvent, 'verb' | 'requestUri' | 'requestObject'>,
): PatchFlavour | undefined {
  if (event.verb !== 'patch' || event.requestObject === undefined) return undefined;
  if (Array.isArray(event.requestObject)) return 'json-patch';
  if (isServerSideApply(event.requestUri)) return 'apply';
  return 'merge-patch';
}

function isServerSideApply(requestUri: string): boolean {
  const query = requestQuery(requestUri);
  if (query.has('force')) return true;
  const fieldManager = query.get('fieldManager');
  return fieldManager !== null && !isKubectlNonApplyManager(fieldManager);
}

/**
 * kubectl names its field manager `kubectl-<command>` for the commands that send ordinary patches
 * (`kubectl-client-side-apply` sends a strategic merge patch; also -edit, -patch, -label, -annotate),
 * while `kubectl apply --server-side` uses `kubectl` and always sends `force`.
 */
function isKubectlNonApplyManager(fieldManager: string): boolean {
  return fieldManager.startsWith('kubectl-');
}
