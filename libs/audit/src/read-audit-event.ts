import type {
  AuditEvent,
  AuditLevel,
  AuditStage,
  ObjectRef,
  ResponseStatus,
  UserInfo,
} from './audit-event';
import {
  isJsonObject,
  type JsonObject,
  jsonTypeOf,
  memberAtPath,
  memberOf,
  quote,
} from './json-value';
import { toMicroTime } from './micro-time';

/** An audit event's own fields, before the decoder adds how it was received. */
export type AuditEventFields = Omit<AuditEvent, 'raw' | 'rawExact' | 'sanitised'>;

export type AuditEventReading =
  | { ok: true; fields: AuditEventFields }
  | { ok: false; problems: string[] };

export const SUPPORTED_API_VERSIONS: readonly string[] = [
  'audit.k8s.io/v1',
  'audit.k8s.io/v1beta1',
];
const DEFAULT_API_VERSION = 'audit.k8s.io/v1';
const LEVELS: readonly AuditLevel[] = ['None', 'Metadata', 'Request', 'RequestResponse'];
const STAGES: readonly AuditStage[] = [
  'RequestReceived',
  'ResponseStarted',
  'ResponseComplete',
  'Panic',
];

/** Where each timestamp may be, most precise first. */
const STAGE_AT_SOURCES = [
  ['stageTimestamp'],
  ['metadata', 'creationTimestamp'],
  ['timestamp'],
  ['requestReceivedTimestamp'],
] as const;
const REQUEST_RECEIVED_AT_SOURCES = [['requestReceivedTimestamp'], ['timestamp']] as const;

/**
 * Real objects nest a few dozen levels at most; a deeper body (a client can send one in a patch)
 * would overflow the recursive code downstream (canonical JSON, PostgreSQL's parser).
 */
export const MAX_BODY_DEPTH = 256;

/**
 * Reads one parsed audit.k8s.io Event (v1 or v1beta1) into its normalised fields, or lists every
 * problem that prevents it, each naming its field. Unknown fields are left out.
 */
export function readAuditEvent(value: unknown): AuditEventReading {
  if (!isJsonObject(value)) {
    return { ok: false, problems: [`expected an audit event object, got ${jsonTypeOf(value)}`] };
  }
  const problems: string[] = [];
  checkKind(value, problems);
  const apiVersion = readApiVersion(value, problems);
  const level = readLevel(value, problems);
  const auditId = readNonEmptyString(value, 'auditID', problems);
  const stage = readStage(value, problems);
  const requestUri = readRequiredString(value, 'requestURI', problems);
  const verb = readNonEmptyString(value, 'verb', problems);
  const user = readUser(memberOf(value, 'user'), 'user', problems) ?? anonymousUser();
  const impersonatedUser = readUser(
    memberOf(value, 'impersonatedUser'),
    'impersonatedUser',
    problems,
  );
  const sourceIps = readStringArray(memberOf(value, 'sourceIPs'), 'sourceIPs', problems) ?? [];
  const userAgent = readOptionalString(value, 'userAgent', 'userAgent', problems);
  const objectRef = readObjectRef(memberOf(value, 'objectRef'), problems);
  const responseStatus = readResponseStatus(memberOf(value, 'responseStatus'), problems);
  const stageAt = readStageAt(value, problems);
  const annotations =
    readStringRecord(memberOf(value, 'annotations'), 'annotations', problems) ?? {};
  const requestObject = readBody(value, 'requestObject', problems);
  const responseObject = readBody(value, 'responseObject', problems);
  if (
    problems.length > 0 ||
    level === undefined ||
    auditId === undefined ||
    stage === undefined ||
    requestUri === undefined ||
    verb === undefined ||
    stageAt === undefined
  ) {
    return { ok: false, problems };
  }
  const fields: AuditEventFields = {
    apiVersion,
    level,
    auditId,
    stage,
    requestUri,
    verb,
    user,
    sourceIps,
    stageAt,
    annotations,
  };
  assignDefined(fields, {
    impersonatedUser,
    userAgent,
    objectRef,
    responseStatus,
    requestObject,
    responseObject,
    requestReceivedAt: firstMicroTime(value, REQUEST_RECEIVED_AT_SOURCES),
  });
  return { ok: true, fields };
}

function checkKind(event: JsonObject, problems: string[]): void {
  const kind = readOptionalString(event, 'kind', 'kind', problems);
  if (kind !== undefined && kind !== 'Event') problems.push(`kind ${quote(kind)} is not "Event"`);
}

function readApiVersion(event: JsonObject, problems: string[]): string {
  const apiVersion = readOptionalString(event, 'apiVersion', 'apiVersion', problems);
  if (apiVersion === undefined) return DEFAULT_API_VERSION;
  if (!SUPPORTED_API_VERSIONS.includes(apiVersion)) {
    problems.push(
      `apiVersion ${quote(apiVersion)} is not one of ${SUPPORTED_API_VERSIONS.join(', ')}`,
    );
  }
  return apiVersion;
}

// Kubernetes always writes the level; a producer that drops it still shows which bodies it logged.
function readLevel(event: JsonObject, problems: string[]): AuditLevel | undefined {
  const level = readOptionalString(event, 'level', 'level', problems);
  if (level === undefined) return levelFromBodies(event);
  if (isOneOf(LEVELS, level)) return level;
  problems.push(`level ${quote(level)} is not one of ${LEVELS.join(', ')}`);
  return undefined;
}

function levelFromBodies(event: JsonObject): AuditLevel {
  if (memberOf(event, 'responseObject') !== undefined) return 'RequestResponse';
  if (memberOf(event, 'requestObject') !== undefined) return 'Request';
  return 'Metadata';
}

function readStage(event: JsonObject, problems: string[]): AuditStage | undefined {
  const stage = readRequiredString(event, 'stage', problems);
  if (stage === undefined || isOneOf(STAGES, stage)) return stage;
  problems.push(`stage ${quote(stage)} is not one of ${STAGES.join(', ')}`);
  return undefined;
}

function readBody(event: JsonObject, key: string, problems: string[]): unknown {
  const body = memberOf(event, key);
  if (!nestsDeeperThan(body, MAX_BODY_DEPTH)) return body;
  problems.push(`${key} nests deeper than ${MAX_BODY_DEPTH} levels`);
  return undefined;
}

function nestsDeeperThan(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth === 0) return true;
  const members = Array.isArray(value) ? value : Object.values(value);
  return members.some((member) => nestsDeeperThan(member, depth - 1));
}

function isOneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}

function anonymousUser(): UserInfo {
  return { username: '', groups: [], extra: {} };
}

// A failed authentication is logged with `user: {}`, so every member of a user is optional.
function readUser(value: unknown, path: string, problems: string[]): UserInfo | undefined {
  if (value === undefined) return undefined;
  if (!isJsonObject(value)) {
    problems.push(`${path} is not an object (got ${jsonTypeOf(value)})`);
    return undefined;
  }
  const user: UserInfo = {
    username: readOptionalString(value, 'username', `${path}.username`, problems) ?? '',
    groups: readStringArray(memberOf(value, 'groups'), `${path}.groups`, problems) ?? [],
    extra: readStringArrayRecord(memberOf(value, 'extra'), `${path}.extra`, problems) ?? {},
  };
  assignDefined(user, { uid: readOptionalString(value, 'uid', `${path}.uid`, problems) });
  return user;
}

const OBJECT_REF_OPTIONAL_MEMBERS = [
  'apiVersion',
  'subresource',
  'namespace',
  'name',
  'uid',
  'resourceVersion',
] as const;

function readObjectRef(value: unknown, problems: string[]): ObjectRef | undefined {
  if (value === undefined) return undefined;
  if (!isJsonObject(value)) {
    problems.push(`objectRef is not an object (got ${jsonTypeOf(value)})`);
    return undefined;
  }
  const objectRef: ObjectRef = {
    apiGroup: readOptionalString(value, 'apiGroup', 'objectRef.apiGroup', problems) ?? '',
    resource: readOptionalString(value, 'resource', 'objectRef.resource', problems) ?? '',
  };
  for (const member of OBJECT_REF_OPTIONAL_MEMBERS) {
    assignDefined(objectRef, {
      [member]: readOptionalString(value, member, `objectRef.${member}`, problems),
    });
  }
  return objectRef;
}

function readResponseStatus(value: unknown, problems: string[]): ResponseStatus | undefined {
  if (value === undefined) return undefined;
  if (!isJsonObject(value)) {
    problems.push(`responseStatus is not an object (got ${jsonTypeOf(value)})`);
    return undefined;
  }
  const status: ResponseStatus = {};
  assignDefined(status, {
    code: readStatusCode(memberOf(value, 'code'), problems),
    status: readOptionalString(value, 'status', 'responseStatus.status', problems),
    reason: readOptionalString(value, 'reason', 'responseStatus.reason', problems),
    message: readOptionalString(value, 'message', 'responseStatus.message', problems),
  });
  return status;
}

function readStatusCode(value: unknown, problems: string[]): number | undefined {
  if (value === undefined || Number.isInteger(value)) return value as number | undefined;
  problems.push(`responseStatus.code is not an integer (got ${describeValue(value)})`);
  return undefined;
}

function readStageAt(event: JsonObject, problems: string[]): string | undefined {
  const stageAt = firstMicroTime(event, STAGE_AT_SOURCES);
  if (stageAt !== undefined) return stageAt;
  const why = STAGE_AT_SOURCES.map((path) => whyNotMicroTime(event, path));
  problems.push(`no usable timestamp (${why.join('; ')})`);
  return undefined;
}

function firstMicroTime(
  event: JsonObject,
  sources: readonly (readonly string[])[],
): string | undefined {
  for (const path of sources) {
    const time = microTimeAt(event, path);
    if (time !== undefined) return time;
  }
  return undefined;
}

function microTimeAt(event: JsonObject, path: readonly string[]): string | undefined {
  const value = memberAtPath(event, path);
  return typeof value === 'string' ? toMicroTime(value) : undefined;
}

function whyNotMicroTime(event: JsonObject, path: readonly string[]): string {
  const value = memberAtPath(event, path);
  const name = path.join('.');
  if (value === undefined) return `${name} is missing`;
  if (typeof value !== 'string') return `${name} is not a string (got ${jsonTypeOf(value)})`;
  return `${name} ${quote(value)} is not an RFC 3339 time`;
}

function readRequiredString(
  record: JsonObject,
  key: string,
  problems: string[],
): string | undefined {
  const value = memberOf(record, key);
  if (value === undefined) {
    problems.push(`${key} is missing`);
    return undefined;
  }
  return asString(value, key, problems);
}

function readNonEmptyString(
  record: JsonObject,
  key: string,
  problems: string[],
): string | undefined {
  const value = readRequiredString(record, key, problems);
  if (value !== '') return value;
  problems.push(`${key} is empty`);
  return undefined;
}

function readOptionalString(
  record: JsonObject,
  key: string,
  path: string,
  problems: string[],
): string | undefined {
  const value = memberOf(record, key);
  return value === undefined ? undefined : asString(value, path, problems);
}

function asString(value: unknown, path: string, problems: string[]): string | undefined {
  if (typeof value === 'string') return value;
  problems.push(`${path} is not a string (got ${jsonTypeOf(value)})`);
  return undefined;
}

function readStringArray(value: unknown, path: string, problems: string[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    problems.push(`${path} is not an array (got ${jsonTypeOf(value)})`);
    return undefined;
  }
  const misfit = value.findIndex((item) => typeof item !== 'string');
  if (misfit === -1) return value as string[];
  problems.push(`${path}[${misfit}] is not a string (got ${jsonTypeOf(value[misfit])})`);
  return undefined;
}

function readStringRecord(
  value: unknown,
  path: string,
  problems: string[],
): Record<string, string> | undefined {
  return readRecord(value, path, problems, (member, memberPath) =>
    asString(member, memberPath, problems),
  );
}

function readStringArrayRecord(
  value: unknown,
  path: string,
  problems: string[],
): Record<string, string[]> | undefined {
  return readRecord(value, path, problems, (member, memberPath) =>
    readStringArray(member, memberPath, problems),
  );
}

function readRecord<T>(
  value: unknown,
  path: string,
  problems: string[],
  readMember: (member: unknown, memberPath: string) => T | undefined,
): Record<string, T> | undefined {
  if (value === undefined) return undefined;
  if (!isJsonObject(value)) {
    problems.push(`${path} is not an object (got ${jsonTypeOf(value)})`);
    return undefined;
  }
  const entries: [string, T][] = [];
  for (const [key, member] of Object.entries(value)) {
    if (member === null) continue;
    const read = readMember(member, `${path}[${quote(key)}]`);
    if (read !== undefined) entries.push([key, read]);
  }
  // fromEntries defines own properties, so a "__proto__" key stays data, not a prototype.
  return Object.fromEntries(entries);
}

function describeValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : jsonTypeOf(value);
}

/** Copies the members that are not undefined, so optional fields are absent rather than undefined. */
function assignDefined<T extends object>(target: T, members: Partial<T>): void {
  for (const [key, value] of Object.entries(members)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}
