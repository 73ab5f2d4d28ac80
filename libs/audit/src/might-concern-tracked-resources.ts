import { Buffer } from 'node:buffer';

/**
 * Substrings every tracked event's text contains, even inside an escaped-JSON-string envelope
 * (no character in them needs escaping). `"namespaces` is the objectRef.resource of a core
 * Namespace event: it matches both `"namespaces"` and `\"namespaces\"`, yet not the requestURI
 * path segment `/namespaces/` of every namespaced request.
 */
export const TRACKED_RESOURCE_TOKENS: readonly string[] = [
  'projectcalico.org',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  '"namespaces',
];

const TOKEN_BYTES = TRACKED_RESOURCE_TOKENS.map((token) => Buffer.from(token, 'utf8'));

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf] as const;

/**
 * A byte-level pre-check before any parsing: false only when the message looks like JSON (opens
 * and closes like an object or array) and holds none of the tokens any tracked event must
 * contain. Whatever does not look like JSON, truncated messages included, gets true, so garbage
 * reaches the decoder and is dead-lettered rather than silently dropped.
 */
export function mightConcernTrackedResources(message: Uint8Array | string): boolean {
  return typeof message === 'string' ? textMightConcern(message) : bytesMightConcern(message);
}

function bytesMightConcern(message: Uint8Array): boolean {
  const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  if (!bytesLookLikeJson(bytes)) return true;
  return TOKEN_BYTES.some((token) => bytes.includes(token));
}

function textMightConcern(message: string): boolean {
  if (!textLooksLikeJson(message)) return true;
  return TRACKED_RESOURCE_TOKENS.some((token) => message.includes(token));
}

function bytesLookLikeJson(bytes: Buffer): boolean {
  const start = startsWithByteOrderMark(bytes) ? BYTE_ORDER_MARK.length : 0;
  let first: number | undefined;
  for (let at = start; at < bytes.length && first === undefined; at++) {
    if (!isJsonWhitespace(bytes[at])) first = bytes[at];
  }
  let last: number | undefined;
  for (let at = bytes.length - 1; at >= start && last === undefined; at--) {
    if (!isJsonWhitespace(bytes[at])) last = bytes[at];
  }
  return (
    (first === OPEN_BRACE || first === OPEN_BRACKET) &&
    (last === CLOSE_BRACE || last === CLOSE_BRACKET)
  );
}

function startsWithByteOrderMark(bytes: Buffer): boolean {
  return BYTE_ORDER_MARK.every((byte, index) => bytes[index] === byte);
}

function textLooksLikeJson(text: string): boolean {
  const trimmed = (text.startsWith('\uFEFF') ? text.slice(1) : text).trim();
  const first = trimmed.charCodeAt(0);
  const last = trimmed.charCodeAt(trimmed.length - 1);
  return (
    (first === OPEN_BRACE || first === OPEN_BRACKET) &&
    (last === CLOSE_BRACE || last === CLOSE_BRACKET)
  );
}

function isJsonWhitespace(code: number | undefined): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
