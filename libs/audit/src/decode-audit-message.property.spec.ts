import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEvent, DecodedMessage } from './audit-event';
import { classifyAuditEvent } from './classify-audit-event';
import { decodeAuditMessage } from './decode-audit-message';
import { mightConcernTrackedResources } from './might-concern-tracked-resources';
import { holdsUnsafeText } from './sanitise-text';
import { readRealAuditFixture } from './testing/real-audit-fixtures';
import {
  SYNTHETIC_CALICO_GNP_CREATE,
  SYNTHETIC_CALICO_NETWORK_POLICY_UPDATE,
  SYNTHETIC_CONFLICT_UPDATE,
  SYNTHETIC_CRD_HOST_ENDPOINT_CREATE,
  SYNTHETIC_K8S_NETWORK_POLICY_CREATE,
  SYNTHETIC_SERVER_SIDE_APPLY_PATCH,
  SYNTHETIC_TIER_JSON_PATCH,
  SYNTHETIC_UNAUTHORIZED_DELETE,
  type SyntheticWireEvent,
  syntheticAksEnvelope,
  syntheticFluentBitEnvelope,
} from './testing/synthetic-audit-events';
import { trackedKindOf } from './tracked-kinds';

const RUNS = { numRuns: 2_000 };
const FRAMINGS = new Set(['event', 'event-list', 'json-lines', 'envelope', 'unknown']);
const LEVELS = new Set(['None', 'Metadata', 'Request', 'RequestResponse']);
const STAGES = new Set(['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic']);
const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const BASE_EVENTS: readonly SyntheticWireEvent[] = [
  SYNTHETIC_CALICO_GNP_CREATE,
  SYNTHETIC_CALICO_NETWORK_POLICY_UPDATE,
  SYNTHETIC_TIER_JSON_PATCH,
  SYNTHETIC_SERVER_SIDE_APPLY_PATCH,
  SYNTHETIC_K8S_NETWORK_POLICY_CREATE,
  SYNTHETIC_CONFLICT_UPDATE,
  SYNTHETIC_UNAUTHORIZED_DELETE,
  SYNTHETIC_CRD_HOST_ENDPOINT_CREATE,
  JSON.parse(readRealAuditFixture('falco-patch-clusterrole.json').toString('utf8')),
  JSON.parse(readRealAuditFixture('falco-delete-namespace.json').toString('utf8')),
];

/** Any UTF-16 code unit, so lone surrogates and U+0000 turn up. */
const codeUnitString = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
});

const anyValue = fc.oneof(fc.jsonValue(), codeUnitString, fc.constant(null));

type Path = readonly (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value)
    ? value.map((member, index) => [index, member] as const)
    : Object.entries(value);
  return entries.flatMap(([key, member]) => [
    [...prefix, key],
    ...pathsOf(member, [...prefix, key]),
  ]);
}

type Mutation = { path: Path; change: { kind: 'delete' } | { kind: 'replace'; value: unknown } };

function mutated(event: SyntheticWireEvent, mutations: readonly Mutation[]): SyntheticWireEvent {
  const copy = structuredClone(event);
  for (const { path, change } of mutations) {
    const parent = path
      .slice(0, -1)
      .reduce<unknown>(
        (node, key) =>
          node !== null && typeof node === 'object' ? (node as never)[key] : undefined,
        copy,
      );
    if (parent === null || typeof parent !== 'object') continue;
    const key = path[path.length - 1] as string | number;
    if (change.kind === 'delete') delete (parent as Record<string | number, unknown>)[key];
    else (parent as Record<string | number, unknown>)[key] = change.value;
  }
  return copy;
}

const mutatedEvent = fc.constantFrom(...BASE_EVENTS).chain((event) =>
  fc
    .array(
      fc.record({
        path: fc.constantFrom(...pathsOf(event)),
        change: fc.oneof(
          fc.constant({ kind: 'delete' as const }),
          anyValue.map((value) => ({ kind: 'replace' as const, value })),
        ),
      }),
      { minLength: 0, maxLength: 4 },
    )
    .map((mutations) => mutated(event, mutations)),
);

type Framed = { message: string; items: number };

const framedEvents = fc.oneof(
  mutatedEvent.map((event): Framed => ({ message: JSON.stringify(event), items: 1 })),
  fc.array(mutatedEvent, { minLength: 1, maxLength: 4 }).map(
    (events): Framed => ({
      message: JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: events }),
      items: events.length,
    }),
  ),
  fc.array(mutatedEvent, { minLength: 2, maxLength: 4 }).map(
    (events): Framed => ({
      message: events.map((event) => JSON.stringify(event)).join('\n'),
      items: events.length,
    }),
  ),
  mutatedEvent.map(
    (event): Framed => ({ message: syntheticFluentBitEnvelope(JSON.stringify(event)), items: 1 }),
  ),
  mutatedEvent.map(
    (event): Framed => ({
      message: JSON.stringify(syntheticAksEnvelope(JSON.stringify(event))),
      items: 1,
    }),
  ),
);

function holdsUnsafeTextAnywhere(value: unknown): boolean {
  if (typeof value === 'string') return holdsUnsafeText(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(
    ([key, member]) => holdsUnsafeText(key) || holdsUnsafeTextAnywhere(member),
  );
}

function expectWellFormedEvent(event: AuditEvent): void {
  expect(LEVELS.has(event.level)).toBe(true);
  expect(STAGES.has(event.stage)).toBe(true);
  expect(event.auditId).not.toBe('');
  expect(event.verb).not.toBe('');
  expect(event.stageAt).toMatch(MICRO_TIME);
  if (event.requestReceivedAt !== undefined) expect(event.requestReceivedAt).toMatch(MICRO_TIME);
  expect(holdsUnsafeTextAnywhere(event)).toBe(false);
}

/** What every decoded message must be, whatever went in; and classification must follow suit. */
function expectWellFormed(decoded: DecodedMessage): void {
  expect(FRAMINGS.has(decoded.framing)).toBe(true);
  for (const failure of decoded.failures) {
    expect(failure.reason).not.toBe('');
    expect(holdsUnsafeText(failure.reason) || holdsUnsafeText(failure.raw)).toBe(false);
  }
  for (const event of decoded.events) {
    expectWellFormedEvent(event);
    const classification = classifyAuditEvent(event);
    if (classification.kind === 'change') {
      expect(classification.change.kind).toBe(
        trackedKindOf(event.objectRef?.apiGroup ?? '', event.objectRef?.resource ?? ''),
      );
      expect(classification.change.occurredAt).toBe(event.stageAt);
    }
  }
}

describe('decodeAuditMessage never throws and always returns a well-formed result', () => {
  it('for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        expectWellFormed(decodeAuditMessage(bytes));
      }),
      RUNS,
    );
  });

  it('for arbitrary strings, lone surrogates and U+0000 included', () => {
    fc.assert(
      fc.property(fc.oneof(codeUnitString, fc.string({ unit: 'binary' })), (text) => {
        expectWellFormed(decodeAuditMessage(text));
      }),
      RUNS,
    );
  });

  it('for arbitrary JSON values, as text and as bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expectWellFormed(decodeAuditMessage(text));
        expectWellFormed(decodeAuditMessage(Buffer.from(text, 'utf8')));
      }),
      RUNS,
    );
  });

  it('for mutated events in every framing, accounting for each one as an event or a failure', () => {
    fc.assert(
      fc.property(framedEvents, ({ message, items }) => {
        const decoded = decodeAuditMessage(Buffer.from(message, 'utf8'));
        expectWellFormed(decoded);
        expect(decoded.events.length + decoded.failures.length).toBe(items);
      }),
      RUNS,
    );
  });
});

describe('mightConcernTrackedResources', () => {
  it('never drops a message that holds a tracked change', () => {
    fc.assert(
      fc.property(framedEvents, ({ message }) => {
        const holdsChange = decodeAuditMessage(message).events.some(
          (event) => classifyAuditEvent(event).kind === 'change',
        );
        if (holdsChange)
          expect(mightConcernTrackedResources(Buffer.from(message, 'utf8'))).toBe(true);
      }),
      RUNS,
    );
  });
});
