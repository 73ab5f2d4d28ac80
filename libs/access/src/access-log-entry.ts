import { isIP } from 'node:net';
import { maskQueryString } from './mask-query-string';
import type { Principal } from './principal';
import type { Role } from './role';

/** One authenticated request, as the access log keeps it. */
export interface AccessLogEntry {
  at: Date;
  principalId: string;
  principalName: string;
  role: Role;
  via: Principal['via'];
  method: string;
  /** The route pattern (/v1/tokens/:id); null when no route matched. */
  route: string | null;
  path: string;
  /** With credential-looking values masked; null when there was none. */
  query: string | null;
  status: number;
  durationMs: number;
  clientIp: string | null;
  userAgent: string | null;
}

export interface ObservedRequest {
  at: Date;
  principal: Principal;
  method: string;
  route: string | undefined;
  /** Path and query, as received. */
  url: string;
  status: number;
  durationMs: number;
  clientIp: string | undefined;
  userAgent: string | undefined;
}

/** An access log entry from what the server saw; bounded and cleaned so that no row is refused. */
export function buildAccessLogEntry(request: ObservedRequest): AccessLogEntry {
  const mark = request.url.indexOf('?');
  const path = mark < 0 ? request.url : request.url.slice(0, mark);
  const query = mark < 0 ? '' : maskQueryString(request.url.slice(mark + 1));
  return {
    at: request.at,
    principalId: request.principal.id,
    principalName: request.principal.name,
    role: request.principal.role,
    via: request.principal.via,
    method: clean(request.method, 16) ?? 'UNKNOWN',
    route: clean(request.route, 512),
    path: clean(path, 2_048) ?? '',
    query: clean(query, 2_048),
    status:
      Number.isInteger(request.status) && request.status >= 100 && request.status <= 599
        ? request.status
        : 500,
    durationMs: Number.isFinite(request.durationMs)
      ? Math.max(0, Math.round(request.durationMs * 1000) / 1000)
      : 0,
    clientIp: request.clientIp && isIP(request.clientIp) ? request.clientIp : null,
    userAgent: clean(request.userAgent, 512),
  };
}

function clean(text: string | undefined, max: number): string | null {
  // PostgreSQL text cannot hold NUL: one such byte would fail the whole batch.
  if (text === undefined || text === '') return null;
  return text.replaceAll('\u0000', '').slice(0, max);
}
