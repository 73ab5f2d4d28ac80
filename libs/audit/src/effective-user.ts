import type { AuditEvent, UserInfo } from './audit-event';

/** The identity the request was authorised as: the impersonated user when there is one. */
export function effectiveUser(event: Pick<AuditEvent, 'user' | 'impersonatedUser'>): UserInfo {
  return event.impersonatedUser ?? event.user;
}
