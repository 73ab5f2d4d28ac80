import type { AuditEvent, AuditLevel } from './audit-event';
import { uuidV5 } from './uuid-v5';

/** Policy Ledger's namespace for audit event ids: uuidV5(URL_NAMESPACE, "urn:policy-ledger:audit-event-id"). */
export const AUDIT_EVENT_ID_NAMESPACE = 'f23049fc-121f-5b41-9585-f3850b3edc68';

/**
 * A deterministic id for one audit event: an exact redelivery gets the same id, while the
 * Metadata-only twin logged by kube-apiserver and the body-carrying twin logged by an aggregated
 * API server (same auditID, same stage) get different ids.
 */
export function auditEventId(
  cluster: string,
  event: Pick<AuditEvent, 'auditId' | 'stage' | 'level'>,
): string {
  const bodies = carriesBodies(event.level) ? 'bodies' : 'metadata';
  // A JSON array keeps the parts apart whatever characters the cluster name or auditID hold.
  return uuidV5(
    AUDIT_EVENT_ID_NAMESPACE,
    JSON.stringify([cluster, event.auditId, event.stage, bodies]),
  );
}

export function carriesBodies(level: AuditLevel): boolean {
  switch (level) {
    case 'None':
    case 'Metadata':
      return false;
    case 'Request':
    case 'RequestResponse':
      return true;
    default: {
      const unhandled: never = level;
      return unhandled;
    }
  }
}
