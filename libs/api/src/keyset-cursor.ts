import { createHash } from 'node:crypto';

/** A cursor is bound to the query it came from: reusing it with other filters is a 400, not a wrong page. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

function fingerprint(query: Record<string, unknown>): string {
  const stable = JSON.stringify(
    Object.keys(query)
      .sort()
      .map((k) => [k, query[k] ?? null]),
  );
  return createHash('sha256').update(stable).digest('base64url').slice(0, 12);
}

/** Opaque to clients: base64url of the last row's sort key and the query's fingerprint. */
export function encodeCursor(position: unknown[], query: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ p: position, q: fingerprint(query) })).toString('base64url');
}

export function decodeCursor(cursor: string, query: Record<string, unknown>): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('is not a cursor this API issued');
  }
  const body = parsed as { p?: unknown; q?: unknown };
  if (typeof body !== 'object' || body === null || !Array.isArray(body.p))
    throw new InvalidCursorError('is not a cursor this API issued');
  if (body.q !== fingerprint(query))
    throw new InvalidCursorError('was issued for a query with other filters');
  return body.p;
}
