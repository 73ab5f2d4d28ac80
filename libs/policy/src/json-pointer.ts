export type ParsedPointer = { ok: true; segments: string[] } | { ok: false; reason: string };

export function encodePointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function toJsonPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${encodePointerSegment(segment)}`).join('');
}

/** RFC 6901: "" is the whole document; every other pointer starts with "/". */
export function parseJsonPointer(pointer: string): ParsedPointer {
  if (pointer === '') return { ok: true, segments: [] };
  if (!pointer.startsWith('/')) {
    return { ok: false, reason: `JSON pointer "${pointer}" does not start with "/"` };
  }
  const raw = pointer.slice(1).split('/');
  const badEscape = raw.find((segment) => /~(?![01])/.test(segment));
  if (badEscape !== undefined) {
    return { ok: false, reason: `JSON pointer "${pointer}" has an invalid "~" escape` };
  }
  return {
    ok: true,
    segments: raw.map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~')),
  };
}
