import type { AuditEvent, DecodedMessage, DecodeFailure, Framing } from './audit-event';
import { isJsonObject, type JsonObject, jsonTypeOf, memberAtPath, memberOf } from './json-value';
import { type AuditEventFields, readAuditEvent } from './read-audit-event';
import { jsonTextMayHoldUnsafeText, sanitiseJson, sanitiseText } from './sanitise-text';

/** The members where log shippers put the event: Fluent Bit `log`, AKS `properties.log`, others `message`. */
const ENVELOPE_MEMBERS = [['log'], ['properties', 'log'], ['message']] as const;
const AUDIT_EVENT_MEMBERS = ['auditID', 'stage', 'verb', 'requestURI'] as const;
const UNRECOGNISED_PROBLEM = `not an audit event (no ${AUDIT_EVENT_MEMBERS.join(', ')}) nor an envelope (no ${ENVELOPE_MEMBERS.map((path) => path.join('.')).join(', ')})`;
/** Envelopes within envelopes within lists: deeper than this is not a shipper's doing. */
const MAX_NESTING = 6;
const REPLACEMENT_CHARACTER = '\uFFFD';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

type Shape =
  | 'event'
  | 'event-list'
  | 'array'
  | 'record-batch'
  | 'envelope'
  | 'cloud-audit-log'
  | 'not-an-object'
  | 'unrecognised';

const FRAMING_OF_SHAPE: Record<Shape, Framing | 'unknown'> = {
  event: 'event',
  'event-list': 'event-list',
  array: 'event-list',
  'record-batch': 'envelope',
  envelope: 'envelope',
  'cloud-audit-log': 'unknown',
  'not-an-object': 'unknown',
  unrecognised: 'unknown',
};

/** Where a value sits in a message, and what is known of the text it was parsed from. */
interface Site {
  /** From the outside in: ["line 3", "log", "items[2]"]. */
  location: readonly string[];
  /** The text the value was parsed from: the message, a line, an envelope string. */
  text: string;
  /** The value's own exact text, when it was the whole of `text` or one line of it. */
  exactText?: string;
  /** False when `text` cannot hold U+0000 or lone surrogates, even escaped, so no walk is needed. */
  mayHoldUnsafeText: boolean;
  /** Whether the message's bytes were not all valid UTF-8 (replaced by U+FFFD). */
  lossy: boolean;
  depth: number;
}

interface Decoded {
  events: AuditEvent[];
  failures: DecodeFailure[];
}

type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Decodes one Kafka message (or file chunk) into audit events, whatever its framing: one event,
 * an EventList or JSON array, JSON Lines, or a log shipper's envelope. Never throws: what cannot
 * be decoded becomes a failure with its reason and its raw text, for the dead-letter topic.
 */
export function decodeAuditMessage(message: Uint8Array | string): DecodedMessage {
  let text = '';
  try {
    const decoded = messageText(message);
    text = decoded.text;
    return decodeJsonText(text, topSite(text, decoded.lossy));
  } catch (error) {
    const site = topSite(text, false);
    return unframed(failed(site, `could not be decoded (${errorMessage(error)})`, text));
  }
}

function messageText(message: Uint8Array | string): { text: string; lossy: boolean } {
  if (typeof message === 'string') return { text: message, lossy: false };
  try {
    return { text: STRICT_UTF8.decode(message), lossy: false };
  } catch {
    return { text: LENIENT_UTF8.decode(message), lossy: true };
  }
}

function topSite(text: string, lossy: boolean): Site {
  return { location: [], text, mayHoldUnsafeText: true, lossy, depth: 0 };
}

function decodeJsonText(text: string, outer: Site): DecodedMessage {
  const site: Site = { ...outer, text, mayHoldUnsafeText: jsonTextMayHoldUnsafeText(text) };
  const body = text.trim();
  if (body === '') {
    return unframed(failed(site, site.location.length === 0 ? 'empty message' : 'empty', text));
  }
  if (!body.includes('\n')) return decodeSingleText(body, site);
  return decodeMultiLineText(body, site);
}

function decodeSingleText(body: string, site: Site): DecodedMessage {
  const parsed = parseJson(body);
  if (!parsed.ok) return unframed(failed(site, `not JSON (${parsed.reason})`, site.text));
  return decodeFramed(parsed.value, { ...site, exactText: body });
}

/**
 * JSON Lines, or one pretty-printed value. The first line decides cheaply: a complete JSON value
 * on its own means JSON Lines; otherwise the whole text is parsed as one value, and only when
 * that fails too is it read line by line, each bad line a failure of its own.
 */
function decodeMultiLineText(body: string, site: Site): DecodedMessage {
  const lines = site.text.split('\n');
  const firstIndex = lines.findIndex((line) => line.trim() !== '');
  const first = { index: firstIndex, parse: parseJson(lines[firstIndex]?.trim() ?? '') };
  if (first.parse.ok) return decodeJsonLines(lines, site, first).decoded;
  const whole = parseJson(body);
  if (whole.ok) return decodeFramed(whole.value, { ...site, exactText: body });
  const { decoded, parsedLines } = decodeJsonLines(lines, site, first);
  if (parsedLines > 0) return decoded;
  return unframed(failed(site, `not JSON (${whole.reason})`, site.text));
}

function decodeJsonLines(
  lines: readonly string[],
  site: Site,
  first: { index: number; parse: JsonParse },
): { decoded: DecodedMessage; parsedLines: number } {
  const decoded = emptyDecoded();
  let parsedLines = 0;
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '') return;
    const lineSite: Site = { ...site, location: [...site.location, `line ${index + 1}`] };
    const parsed = index === first.index ? first.parse : parseJson(line);
    if (!parsed.ok) {
      merge(decoded, failed(lineSite, `not JSON (${parsed.reason})`, line));
      return;
    }
    parsedLines += 1;
    merge(decoded, decodeValue(parsed.value, { ...lineSite, exactText: line }));
  });
  return { decoded: { framing: 'json-lines', ...decoded }, parsedLines };
}

function decodeFramed(value: unknown, site: Site): DecodedMessage {
  const shape = shapeOf(value);
  return { framing: FRAMING_OF_SHAPE[shape], ...decodeShaped(shape, value, site) };
}

function decodeValue(value: unknown, site: Site): Decoded {
  return decodeShaped(shapeOf(value), value, site);
}

function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return 'array';
  if (!isJsonObject(value)) return 'not-an-object';
  if (isCloudAuditLogRecord(value)) return 'cloud-audit-log';
  if (isEventList(value)) return 'event-list';
  if (hasAuditEventMembers(value)) return 'event';
  if (isRecordBatch(value)) return 'record-batch';
  if (hasEnvelopeMember(value)) return 'envelope';
  return 'unrecognised';
}

function isCloudAuditLogRecord(record: JsonObject): boolean {
  return memberOf(record, 'protoPayload') !== undefined;
}

function isEventList(record: JsonObject): boolean {
  const kind = memberOf(record, 'kind');
  return kind === 'EventList' || (kind === undefined && Array.isArray(memberOf(record, 'items')));
}

function hasAuditEventMembers(record: JsonObject): boolean {
  return (
    memberOf(record, 'kind') === 'Event' ||
    AUDIT_EVENT_MEMBERS.some((member) => memberOf(record, member) !== undefined)
  );
}

/** Azure diagnostic settings deliver `{"records": [...]}`, each record an AKS envelope. */
function isRecordBatch(record: JsonObject): boolean {
  return Array.isArray(memberOf(record, 'records'));
}

function hasEnvelopeMember(record: JsonObject): boolean {
  return envelopeMembers(record).length > 0;
}

function decodeShaped(shape: Shape, value: unknown, site: Site): Decoded {
  if (site.depth > MAX_NESTING) return failed(site, 'nested too deeply', rawOf(value, site));
  switch (shape) {
    case 'event':
      return decodeEvent(value, site);
    case 'event-list':
      return decodeEventList(value as JsonObject, site);
    case 'array':
      return decodeItems(value as unknown[], '', site, decodeValue);
    case 'record-batch':
      return decodeItems(
        memberOf(value as JsonObject, 'records') as unknown[],
        'records',
        site,
        decodeValue,
      );
    case 'envelope':
      return decodeEnvelope(value as JsonObject, site);
    case 'cloud-audit-log':
      return failed(
        site,
        'GKE Cloud Audit Log record (protoPayload) is not a Kubernetes audit event: not supported',
        rawOf(value, site),
      );
    case 'not-an-object':
      return failed(
        site,
        `expected an audit event object, got ${jsonTypeOf(value)}`,
        rawOf(value, site),
      );
    case 'unrecognised':
      return failed(site, UNRECOGNISED_PROBLEM, rawOf(value, site));
    default: {
      const unhandled: never = shape;
      return unhandled;
    }
  }
}

function decodeEventList(list: JsonObject, site: Site): Decoded {
  const items = memberOf(list, 'items');
  if (Array.isArray(items)) return decodeItems(items, 'items', site, decodeEvent);
  const problem =
    items === undefined ? 'items is missing' : `items is not an array (got ${jsonTypeOf(items)})`;
  return failed(site, `EventList: ${problem}`, rawOf(list, site));
}

function decodeItems(
  items: readonly unknown[],
  label: string,
  site: Site,
  decodeItem: (item: unknown, site: Site) => Decoded,
): Decoded {
  const decoded = emptyDecoded();
  items.forEach((item, index) => {
    const itemSite = nestedSite(site, `${label}[${index}]`);
    merge(decoded, decodeItem(item, itemSite));
  });
  return decoded;
}

function decodeEnvelope(envelope: JsonObject, site: Site): Decoded {
  const attempts = envelopeMembers(envelope).map(({ path, value }) =>
    decodeEnvelopeMember(value, nestedSite(site, path.join('.'))),
  );
  return attempts.find((attempt) => attempt.events.length > 0) ?? attempts[0] ?? emptyDecoded();
}

function envelopeMembers(envelope: JsonObject): { path: readonly string[]; value: unknown }[] {
  return ENVELOPE_MEMBERS.map((path) => ({ path, value: memberAtPath(envelope, path) })).filter(
    ({ value }) => typeof value === 'string' || isJsonObject(value),
  );
}

function decodeEnvelopeMember(value: unknown, site: Site): Decoded {
  if (typeof value !== 'string') return decodeValue(value, site);
  const { events, failures } = decodeJsonText(value, site);
  return { events, failures };
}

function decodeEvent(value: unknown, site: Site): Decoded {
  try {
    const reading = readAuditEvent(value);
    if (!reading.ok) return failed(site, reading.problems.join('; '), rawOf(value, site));
    const sanitised = site.mayHoldUnsafeText ? sanitiseJson(reading.fields) : undefined;
    const fields = (sanitised?.value ?? reading.fields) as AuditEventFields;
    const event: AuditEvent = {
      ...fields,
      ...eventRawOf(value, site),
      sanitised: sanitised?.changed ?? false,
    };
    return { events: [event], failures: [] };
  } catch (error) {
    return failed(
      site,
      `could not be decoded (${errorMessage(error)})`,
      site.exactText ?? site.text,
    );
  }
}

function eventRawOf(value: unknown, site: Site): Pick<AuditEvent, 'raw' | 'rawExact'> {
  if (site.exactText === undefined) return { raw: JSON.stringify(value), rawExact: false };
  const raw = sanitiseText(site.exactText);
  return { raw, rawExact: raw === site.exactText && !mayHaveLostBytes(site) };
}

function mayHaveLostBytes(site: Site): boolean {
  return site.lossy && (site.exactText ?? site.text).includes(REPLACEMENT_CHARACTER);
}

/** The undecodable part as received: its own text when it had one, else its JSON. */
function rawOf(value: unknown, site: Site): string {
  if (site.exactText !== undefined) return site.exactText;
  try {
    return JSON.stringify(value) ?? site.text;
  } catch {
    return site.text;
  }
}

function nestedSite(site: Site, location: string): Site {
  return {
    ...site,
    location: [...site.location, location],
    exactText: undefined,
    depth: site.depth + 1,
  };
}

function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
}

function failed(site: Site, problem: string, raw: string): Decoded {
  const reason = [...site.location, problem].join(': ');
  // Parser messages quote the input, and PostgreSQL refuses U+0000 in text as well as in jsonb.
  return { events: [], failures: [{ reason: sanitiseText(reason), raw: sanitiseText(raw) }] };
}

function unframed(decoded: Decoded): DecodedMessage {
  return { framing: 'unknown', ...decoded };
}

function emptyDecoded(): Decoded {
  return { events: [], failures: [] };
}

// Loops, not push(...spread): a spread of a very long batch would overflow the call stack.
function merge(into: Decoded, from: Decoded): void {
  for (const event of from.events) into.events.push(event);
  for (const failure of from.failures) into.failures.push(failure);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
