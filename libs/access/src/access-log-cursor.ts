/** Where a page of the access log ended: the last entry's time (MicroTime text) and id. */
export interface AccessLogCursor {
  at: string;
  id: string;
}

export type DecodedCursor = { ok: true; cursor: AccessLogCursor } | { ok: false; reason: string };

/** Opaque to clients (base64url JSON), and bound to the principal filter it was issued for. */
export function encodeAccessLogCursor(
  cursor: AccessLogCursor,
  principal: string | undefined,
): string {
  return Buffer.from(
    JSON.stringify({ at: cursor.at, id: cursor.id, p: principal ?? null }),
  ).toString('base64url');
}

export function decodeAccessLogCursor(text: string, principal: string | undefined): DecodedCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'is not a cursor this API issued' };
  }
  const body = parsed as { at?: unknown; id?: unknown; p?: unknown } | null;
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof body.at !== 'string' ||
    Number.isNaN(Date.parse(body.at)) ||
    typeof body.id !== 'string' ||
    !/^\d{1,19}$/.test(body.id)
  )
    return { ok: false, reason: 'is not a cursor this API issued' };
  if (body.p !== (principal ?? null))
    return { ok: false, reason: 'was issued for another principal filter' };
  return { ok: true, cursor: { at: body.at, id: body.id } };
}
