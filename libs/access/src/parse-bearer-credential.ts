export type BearerCredential =
  | { ok: true; credential: string }
  | { ok: false; reason: 'missing' | 'malformed' };

/** The credential of an `Authorization: Bearer <credential>` header (RFC 6750 §2.1). */
export function parseBearerCredential(header: string | undefined): BearerCredential {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  return match ? { ok: true, credential: match[1]! } : { ok: false, reason: 'malformed' };
}
