import type { AuditEvent } from '../audit-event';
import { decodeAuditMessage } from '../decode-audit-message';
import type { SyntheticWireEvent } from './synthetic-audit-events';

/** Decodes one wire event, failing loudly if it does not decode: for tests of what comes after. */
export function decodeOne(wire: SyntheticWireEvent | string): AuditEvent {
  const decoded = decodeAuditMessage(typeof wire === 'string' ? wire : JSON.stringify(wire));
  const [event] = decoded.events;
  if (event === undefined || decoded.events.length > 1 || decoded.failures.length > 0) {
    throw new Error(`expected one event: ${JSON.stringify(decoded.failures)}`);
  }
  return event;
}
