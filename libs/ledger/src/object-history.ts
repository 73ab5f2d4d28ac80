import type { AuditLevel, ChangeVerb, Outcome, PatchFlavour } from '@policy-ledger/audit';
import {
  applyJsonPatch,
  applyMergePatch,
  diffObjects,
  type JsonValue,
  jsonPatch,
  type SemanticChange,
} from '@policy-ledger/policy';

export type ChangeAction = 'created' | 'updated' | 'deleted' | 'observed' | 'attempted';
export type VersionAction = Exclude<ChangeAction, 'attempted'>;
export type JsonObject = Record<string, unknown>;

/** When an entry happened, for ordering: the event's own time, then request time, then a stable id. */
export interface EventTime {
  occurredAt: string;
  requestReceivedAt?: string;
  tiebreak: string;
}

/** One change to one object as the fold sees it (twins already merged), or one snapshot observation. */
export interface HistoryEntry extends EventTime {
  changeKey: string;
  source: 'audit' | 'observation';
  verb?: ChangeVerb;
  outcome: Outcome | 'observed';
  subresource?: string;
  patchFlavour?: PatchFlavour;
  level?: AuditLevel;
  requestObject?: unknown;
  responseObject?: unknown;
  /** For observations: the object as the snapshot saw it. */
  observed?: unknown;
  statusCode?: number;
  uid?: string;
}

/** A deletion that removes this object without an event of its own: its namespace's, or a deletecollection. */
export interface CascadeCause extends EventTime {
  changeKey: string;
  reason: 'namespace-deleted' | 'collection-deleted';
}

export interface ObjectState {
  exists: boolean;
  /** The object as last known; kept after deletion (the deleted state). Null when unknown. */
  object: JsonObject | null;
  known: boolean;
  unknownSince?: string;
  uid?: string;
  version: number;
  /** The ordering key of the last entry folded in, so a later fold knows whether new entries are in order. */
  lastTime?: EventTime;
}

export interface ObjectVersion {
  version: number;
  changeKey: string;
  occurredAt: string;
  action: VersionAction;
  cascade?: { reason: CascadeCause['reason']; causeChangeKey: string };
  object: JsonObject | null;
  stateKnown: boolean;
  unknownSince?: string;
  deleted: boolean;
  uid?: string;
  /** RFC 6902 from the previous version's object, when both are known. */
  patch: unknown[] | null;
  summary: SemanticChange[];
  note?: string;
}

/** What a change meant for this object: what it did and which version it produced or saw. */
export interface ChangeOutcome {
  changeKey: string;
  action: ChangeAction;
  version: number | null;
  stateKnown: boolean;
  summary: SemanticChange[];
  note?: string;
}

export interface ObjectHistory {
  versions: ObjectVersion[];
  outcomes: ChangeOutcome[];
  final: ObjectState;
}

export const EMPTY_STATE: ObjectState = { exists: false, object: null, known: true, version: 0 };

export function compareEventTime(a: EventTime, b: EventTime): number {
  return (
    cmp(a.occurredAt, b.occurredAt) ||
    cmp(a.requestReceivedAt ?? a.occurredAt, b.requestReceivedAt ?? b.occurredAt) ||
    cmp(a.tiebreak, b.tiebreak)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A full object body (not a Status, not DeleteOptions, not a patch document). */
function objectBody(value: unknown): JsonObject | undefined {
  if (!isJsonObject(value)) return undefined;
  if (value.kind === 'Status' || value.kind === 'DeleteOptions') return undefined;
  return isJsonObject(value.metadata) ? value : undefined;
}

function uidOf(object: JsonObject | null | undefined): string | undefined {
  const metadata = object?.metadata;
  return isJsonObject(metadata) && typeof metadata.uid === 'string' ? metadata.uid : undefined;
}

// $setElementOrder only orders lists (which merge patch replaces whole); the other strategic
// merge patch directives change meaning and cannot be replayed as a JSON merge patch.
const ORDER_DIRECTIVE = /^\$setElementOrder\//;
const MEANINGFUL_DIRECTIVE = /^\$(patch|retainKeys|deleteFromPrimitiveList\/)/;

function withoutOrderDirectives(patch: unknown): { patch: unknown; unreplayable?: string } {
  if (Array.isArray(patch)) {
    const items = patch.map(withoutOrderDirectives);
    const bad = items.find((i) => i.unreplayable);
    return { patch: items.map((i) => i.patch), unreplayable: bad?.unreplayable };
  }
  if (!isJsonObject(patch)) return { patch };
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(patch)) {
    if (ORDER_DIRECTIVE.test(key)) continue;
    if (MEANINGFUL_DIRECTIVE.test(key))
      return { patch, unreplayable: `the patch uses the strategic-merge directive ${key}` };
    const inner = withoutOrderDirectives(value);
    if (inner.unreplayable) return inner;
    out[key] = inner.patch;
  }
  return { patch: out };
}

interface Applied {
  object: JsonObject | null;
  known: boolean;
  note?: string;
}

/** The object after an applied patch: from the response when logged, else by replaying the body on the last known state. */
function patched(entry: HistoryEntry, previous: ObjectState): Applied {
  const response = objectBody(entry.responseObject);
  if (response) return { object: response, known: true };
  if (entry.requestObject === undefined) {
    return {
      object: null,
      known: false,
      note: `patch logged at ${entry.level ?? 'Metadata'} level without a body`,
    };
  }
  if (!previous.known || !previous.object) {
    return { object: null, known: false, note: 'patch applied to a state that is not known' };
  }
  switch (entry.patchFlavour) {
    case 'json-patch': {
      const result = applyJsonPatch(previous.object, entry.requestObject);
      if (!result.ok)
        return {
          object: null,
          known: false,
          note: `JSON Patch could not be replayed: ${result.reason}`,
        };
      return isJsonObject(result.value)
        ? { object: result.value, known: true }
        : { object: null, known: false, note: 'JSON Patch did not produce an object' };
    }
    case 'apply':
      return {
        object: null,
        known: false,
        note: 'server-side apply cannot be replayed without the field managers; the response was not logged',
      };
    case 'merge-patch':
    case undefined: {
      const cleaned = withoutOrderDirectives(entry.requestObject);
      if (cleaned.unreplayable)
        return {
          object: null,
          known: false,
          note: `merge patch could not be replayed: ${cleaned.unreplayable}`,
        };
      const merged = applyMergePatch(previous.object, cleaned.patch);
      return isJsonObject(merged)
        ? { object: merged, known: true }
        : { object: null, known: false, note: 'merge patch did not produce an object' };
    }
    default: {
      const unhandled: never = entry.patchFlavour;
      return unhandled;
    }
  }
}

function written(entry: HistoryEntry): Applied {
  const body = objectBody(entry.responseObject) ?? objectBody(entry.requestObject);
  return body
    ? { object: body, known: true }
    : {
        object: null,
        known: false,
        note: `${entry.verb} logged at ${entry.level ?? 'Metadata'} level without the object`,
      };
}

type Step =
  | {
      kind: 'version';
      action: VersionAction;
      next: ObjectState;
      note?: string;
      cascade?: ObjectVersion['cascade'];
    }
  | { kind: 'no-version'; action: ChangeAction; note?: string };

function applyEntry(entry: HistoryEntry, state: ObjectState): Step {
  if (entry.source === 'observation') {
    const body = objectBody(entry.observed);
    return {
      kind: 'version',
      action: 'observed',
      next: {
        ...state,
        exists: true,
        object: body ?? null,
        known: body !== undefined,
        unknownSince: undefined,
        uid: uidOf(body) ?? entry.uid,
      },
    };
  }
  if (entry.outcome !== 'applied') return { kind: 'no-version', action: 'attempted' };
  if (entry.subresource)
    return {
      kind: 'no-version',
      action: 'updated',
      note: `${entry.subresource} subresource write: the spec did not change`,
    };
  const verb = entry.verb;
  switch (verb) {
    case 'create':
    case 'update': {
      const result = written(entry);
      return {
        kind: 'version',
        action: verb === 'create' ? 'created' : 'updated',
        next: becomes(state, result, entry),
        note: result.note ?? firstSeen(verb, state),
      };
    }
    case 'patch': {
      const createdByPatch = entry.statusCode === 201;
      const result =
        createdByPatch && !objectBody(entry.responseObject)
          ? patchedFromNothing(entry)
          : patched(entry, state);
      return {
        kind: 'version',
        action: createdByPatch ? 'created' : 'updated',
        next: becomes(state, result, entry),
        note: result.note ?? (createdByPatch ? undefined : firstSeen(verb, state)),
      };
    }
    case 'delete':
    case 'deletecollection':
      if (!state.exists)
        return { kind: 'no-version', action: 'deleted', note: 'the object was already deleted' };
      return { kind: 'version', action: 'deleted', next: { ...state, exists: false } };
    case undefined:
      return { kind: 'no-version', action: 'attempted' };
    default: {
      const unhandled: never = verb;
      return unhandled;
    }
  }
}

/** An update of an object the ledger has not seen created: its history starts here. */
function firstSeen(verb: ChangeVerb, state: ObjectState): string | undefined {
  if (state.exists) return undefined;
  return state.version > 0
    ? `this ${verb} changed an object deleted earlier: its re-creation is not in the audit trail`
    : `first seen in this ${verb}: its creation is not in the audit trail`;
}

/** A patch that created the object (server-side apply, code 201): replaying needs a body with metadata. */
function patchedFromNothing(entry: HistoryEntry): Applied {
  const body = objectBody(entry.requestObject);
  if (body && entry.patchFlavour !== 'json-patch')
    return {
      object: body,
      known: true,
      note: 'created by server-side apply; defaults the server added are not in the logged body',
    };
  return { object: null, known: false, note: 'created by a patch whose result was not logged' };
}

function becomes(state: ObjectState, result: Applied, entry: HistoryEntry): ObjectState {
  return {
    ...state,
    exists: true,
    object: result.object,
    known: result.known,
    unknownSince: result.known
      ? undefined
      : state.known
        ? entry.occurredAt
        : (state.unknownSince ?? entry.occurredAt),
    uid: uidOf(result.object) ?? entry.uid ?? state.uid,
  };
}

function summarise(
  kind: string,
  before: ObjectState,
  after: ObjectState,
): { summary: SemanticChange[]; patch: unknown[] | null } {
  const beforeObject = before.exists && before.known ? (before.object ?? undefined) : undefined;
  if (!after.exists) {
    return {
      summary: before.known && before.object ? diffObjects(kind, before.object, undefined) : [],
      patch: null,
    };
  }
  if (!after.known || !after.object) return { summary: [], patch: null };
  if (before.exists && !before.known) return { summary: [], patch: null };
  return {
    summary: diffObjects(kind, beforeObject, after.object),
    patch: beforeObject
      ? (jsonPatch(beforeObject as JsonValue, after.object as JsonValue) as unknown[])
      : null,
  };
}

type Item =
  | { type: 'entry'; time: EventTime; entry: HistoryEntry }
  | { type: 'cascade'; time: EventTime; cause: CascadeCause };

/**
 * Folds one object's changes, in the order they happened (event time, not arrival), into its
 * versions. Only applied changes make versions; every change gets an outcome. Pass `from` (the
 * state after the last folded entry) to continue a history with entries that all come later.
 */
export function foldObjectHistory(
  subject: { kind: string; key: string },
  entries: readonly HistoryEntry[],
  causes: readonly CascadeCause[] = [],
  from: ObjectState = EMPTY_STATE,
): ObjectHistory {
  const items: Item[] = [
    ...entries.map((entry): Item => ({ type: 'entry', time: entry, entry })),
    ...causes.map((cause): Item => ({ type: 'cascade', time: cause, cause })),
  ].sort((a, b) => compareEventTime(a.time, b.time));

  let state = from;
  const versions: ObjectVersion[] = [];
  const outcomes: ChangeOutcome[] = [];
  for (const item of items) {
    const time = item.time;
    if (item.type === 'cascade') {
      if (!state.exists) continue;
      const next: ObjectState = {
        ...state,
        exists: false,
        version: state.version + 1,
        lastTime: time,
      };
      versions.push({
        version: next.version,
        changeKey: cascadeChangeKey(item.cause.changeKey, subject.key),
        occurredAt: item.cause.occurredAt,
        action: 'deleted',
        cascade: { reason: item.cause.reason, causeChangeKey: item.cause.changeKey },
        object: state.object,
        stateKnown: state.known,
        unknownSince: state.unknownSince,
        deleted: true,
        uid: state.uid,
        summary: summarise(subject.kind, state, next).summary,
        patch: null,
      });
      state = next;
      continue;
    }
    const { entry } = item;
    const step = applyEntry(entry, state);
    if (step.kind === 'no-version') {
      outcomes.push({
        changeKey: entry.changeKey,
        action: step.action,
        version: state.version > 0 ? state.version : null,
        stateKnown: state.known,
        summary: [],
        ...(step.note ? { note: step.note } : {}),
      });
      state = { ...state, lastTime: time };
      continue;
    }
    const next: ObjectState = { ...step.next, version: state.version + 1, lastTime: time };
    const { summary, patch } = summarise(subject.kind, state, next);
    versions.push({
      version: next.version,
      changeKey: entry.changeKey,
      occurredAt: entry.occurredAt,
      action: step.action,
      object: next.object,
      stateKnown: next.known,
      ...(next.unknownSince ? { unknownSince: next.unknownSince } : {}),
      deleted: !next.exists,
      uid: next.uid,
      patch,
      summary,
      ...(step.note ? { note: step.note } : {}),
    });
    outcomes.push({
      changeKey: entry.changeKey,
      action: step.action,
      version: next.version,
      stateKnown: next.known,
      summary,
      ...(step.note ? { note: step.note } : {}),
    });
    state = next;
  }
  return { versions, outcomes, final: state };
}

/** The key of the synthesised change that records a cascade deletion of one object. */
export function cascadeChangeKey(causeChangeKey: string, objectKey: string): string {
  return `cascade:${causeChangeKey}:${objectKey}`;
}
