import { describe, expect, it } from 'vitest';
import type { AuditEvent, DecodedMessage } from './audit-event';
import { decodeAuditMessage } from './decode-audit-message';
import {
  SYNTHETIC_CALICO_GNP_CREATE,
  SYNTHETIC_GKE_PROTO_PAYLOAD,
  SYNTHETIC_K8S_NETWORK_POLICY_CREATE,
  SYNTHETIC_MICROSECOND_EVENT,
  SYNTHETIC_NUL_TEXT_LINE,
  SYNTHETIC_OFFSET_EVENT,
  SYNTHETIC_UNAUTHORIZED_DELETE,
  syntheticAksEnvelope,
  syntheticEventList,
  syntheticFluentBitEnvelope,
  syntheticLine,
  syntheticWireEvent,
} from './testing/synthetic-audit-events';

const GNP_LINE = syntheticLine(SYNTHETIC_CALICO_GNP_CREATE);
const K8S_NP_LINE = syntheticLine(SYNTHETIC_K8S_NETWORK_POLICY_CREATE);

function onlyEvent(decoded: DecodedMessage): AuditEvent {
  expect(decoded.failures).toEqual([]);
  expect(decoded.events).toHaveLength(1);
  return decoded.events[0] as AuditEvent;
}

function reasons(decoded: DecodedMessage): string[] {
  return decoded.failures.map((failure) => failure.reason);
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

describe('decodeAuditMessage: framing', () => {
  it('decodes a single event, keeping its exact text as raw', () => {
    const decoded = decodeAuditMessage(utf8(GNP_LINE));
    expect(decoded.framing).toBe('event');
    const event = onlyEvent(decoded);
    expect(event.auditId).toBe('synthetic-gnp-create');
    expect(event.raw).toBe(GNP_LINE);
    expect(event.rawExact).toBe(true);
  });

  it('decodes a webhook EventList batch, each raw its re-serialised JSON', () => {
    const decoded = decodeAuditMessage(
      syntheticEventList([SYNTHETIC_CALICO_GNP_CREATE, SYNTHETIC_K8S_NETWORK_POLICY_CREATE]),
    );
    expect(decoded.framing).toBe('event-list');
    expect(decoded.failures).toEqual([]);
    expect(decoded.events.map((event) => event.auditId)).toEqual([
      'synthetic-gnp-create',
      'synthetic-k8s-np-create',
    ]);
    expect(decoded.events.map((event) => event.rawExact)).toEqual([false, false]);
    expect(JSON.parse(decoded.events[1]?.raw ?? '')).toEqual(SYNTHETIC_K8S_NETWORK_POLICY_CREATE);
  });

  it('accepts an object with an items array but no kind as an EventList', () => {
    const decoded = decodeAuditMessage(JSON.stringify({ items: [SYNTHETIC_CALICO_GNP_CREATE] }));
    expect(decoded.framing).toBe('event-list');
    expect(onlyEvent(decoded).auditId).toBe('synthetic-gnp-create');
  });

  it('accepts a JSON array of events as an event list', () => {
    const decoded = decodeAuditMessage(JSON.stringify([SYNTHETIC_CALICO_GNP_CREATE]));
    expect(decoded.framing).toBe('event-list');
    expect(onlyEvent(decoded).auditId).toBe('synthetic-gnp-create');
  });

  it('names the failing item of an EventList and still decodes the others', () => {
    const { auditID: _dropped, ...withoutAuditId } = SYNTHETIC_K8S_NETWORK_POLICY_CREATE;
    const decoded = decodeAuditMessage(
      syntheticEventList([
        SYNTHETIC_CALICO_GNP_CREATE,
        SYNTHETIC_CALICO_GNP_CREATE,
        withoutAuditId,
      ]),
    );
    expect(decoded.events).toHaveLength(2);
    expect(reasons(decoded)).toEqual(['items[2]: auditID is missing']);
    expect(JSON.parse(decoded.failures[0]?.raw ?? '')).toEqual(withoutAuditId);
  });

  it('decodes JSON Lines, skipping blank lines and tolerating CRLF', () => {
    const decoded = decodeAuditMessage(`${GNP_LINE}\r\n\r\n   \n${K8S_NP_LINE}\n`);
    expect(decoded.framing).toBe('json-lines');
    expect(decoded.failures).toEqual([]);
    expect(decoded.events.map((event) => event.raw)).toEqual([GNP_LINE, K8S_NP_LINE]);
    expect(decoded.events.every((event) => event.rawExact)).toBe(true);
  });

  it('turns a bad line into a failure with its 1-based line number, keeping the good lines', () => {
    const decoded = decodeAuditMessage(`${GNP_LINE}\n\n{"kind":"Event", oops}\n${K8S_NP_LINE}`);
    expect(decoded.framing).toBe('json-lines');
    expect(decoded.events.map((event) => event.auditId)).toEqual([
      'synthetic-gnp-create',
      'synthetic-k8s-np-create',
    ]);
    expect(reasons(decoded)).toHaveLength(1);
    expect(reasons(decoded)[0]).toMatch(/^line 3: not JSON \(.+\)$/);
    expect(decoded.failures[0]?.raw).toBe('{"kind":"Event", oops}');
  });

  it('reads JSON Lines even when the first line is the bad one', () => {
    const decoded = decodeAuditMessage(`not json at all\n${GNP_LINE}`);
    expect(decoded.framing).toBe('json-lines');
    expect(decoded.events).toHaveLength(1);
    expect(reasons(decoded)[0]).toMatch(/^line 1: not JSON \(/);
  });

  it('decodes a pretty-printed event as one event', () => {
    const pretty = JSON.stringify(SYNTHETIC_CALICO_GNP_CREATE, null, 2);
    const decoded = decodeAuditMessage(`\n${pretty}\n`);
    expect(decoded.framing).toBe('event');
    const event = onlyEvent(decoded);
    expect(event.raw).toBe(pretty);
    expect(event.rawExact).toBe(true);
  });

  it('decodes a Fluent Bit envelope holding the event as an escaped string in log', () => {
    const decoded = decodeAuditMessage(syntheticFluentBitEnvelope(`${GNP_LINE}\n`));
    expect(decoded.framing).toBe('envelope');
    const event = onlyEvent(decoded);
    expect(event.auditId).toBe('synthetic-gnp-create');
    expect(event.raw).toBe(GNP_LINE);
    expect(event.rawExact).toBe(true);
  });

  it('decodes an AKS envelope holding the event as an escaped string in properties.log', () => {
    const decoded = decodeAuditMessage(JSON.stringify(syntheticAksEnvelope(K8S_NP_LINE)));
    expect(decoded.framing).toBe('envelope');
    expect(onlyEvent(decoded).objectRef?.apiGroup).toBe('networking.k8s.io');
  });

  it('decodes an Azure records batch of AKS envelopes', () => {
    const records = [syntheticAksEnvelope(GNP_LINE), syntheticAksEnvelope(K8S_NP_LINE)];
    const decoded = decodeAuditMessage(JSON.stringify({ records }));
    expect(decoded.framing).toBe('envelope');
    expect(decoded.events.map((event) => event.auditId)).toEqual([
      'synthetic-gnp-create',
      'synthetic-k8s-np-create',
    ]);
  });

  it('decodes an envelope holding the event as an object in message', () => {
    const decoded = decodeAuditMessage(
      JSON.stringify({ message: SYNTHETIC_CALICO_GNP_CREATE, host: 'cp-1' }),
    );
    expect(decoded.framing).toBe('envelope');
    const event = onlyEvent(decoded);
    expect(event.rawExact).toBe(false);
    expect(JSON.parse(event.raw)).toEqual(SYNTHETIC_CALICO_GNP_CREATE);
  });

  it('decodes an envelope whose string holds several JSON lines', () => {
    const decoded = decodeAuditMessage(syntheticFluentBitEnvelope(`${GNP_LINE}\n${K8S_NP_LINE}`));
    expect(decoded.framing).toBe('envelope');
    expect(decoded.events.map((event) => event.raw)).toEqual([GNP_LINE, K8S_NP_LINE]);
  });

  it('decodes JSON Lines of envelopes', () => {
    const lines = [GNP_LINE, K8S_NP_LINE].map((line) => syntheticFluentBitEnvelope(line));
    const decoded = decodeAuditMessage(lines.join('\n'));
    expect(decoded.framing).toBe('json-lines');
    expect(decoded.events).toHaveLength(2);
  });

  it('names the envelope member when its string is not JSON', () => {
    const decoded = decodeAuditMessage(syntheticFluentBitEnvelope('I0301 10:00:00 plain text'));
    expect(decoded.events).toEqual([]);
    expect(reasons(decoded)[0]).toMatch(/^log: not JSON \(/);
    expect(decoded.failures[0]?.raw).toBe('I0301 10:00:00 plain text');
  });
});

describe('decodeAuditMessage: failures', () => {
  it.each([
    ['an empty message', '', 'empty message'],
    ['whitespace only', ' \n\t\r\n', 'empty message'],
    ['a JSON string', '"an event"', 'expected an audit event object, got string'],
    ['a JSON number', '42', 'expected an audit event object, got number'],
    ['an EventList without items', '{"kind":"EventList"}', 'EventList: items is missing'],
    [
      'an object that is neither event nor envelope',
      '{"hello":"world"}',
      'not an audit event (no auditID, stage, verb, requestURI) nor an envelope (no log, properties.log, message)',
    ],
    [
      'a GKE Cloud Audit Log record',
      SYNTHETIC_GKE_PROTO_PAYLOAD,
      'GKE Cloud Audit Log record (protoPayload) is not a Kubernetes audit event: not supported',
    ],
  ])('rejects %s', (_name, message, reason) => {
    const decoded = decodeAuditMessage(message);
    expect(decoded.events).toEqual([]);
    expect(reasons(decoded)).toEqual([reason]);
    expect(decoded.failures[0]?.raw).toBe(message);
  });

  it('reports text that is not JSON with the parser message', () => {
    const decoded = decodeAuditMessage('<html>502 Bad Gateway</html>');
    expect(decoded.framing).toBe('unknown');
    expect(reasons(decoded)).toEqual([expect.stringMatching(/^not JSON \(Unexpected token '<'/)]);
  });

  it('reports a multi-line text with no JSON line at all as one failure', () => {
    const text = 'E0301 10:00:00 first\nE0301 10:00:01 second\n';
    const decoded = decodeAuditMessage(text);
    expect(decoded.framing).toBe('unknown');
    expect(decoded.failures).toHaveLength(1);
    expect(decoded.failures[0]?.raw).toBe(text);
  });

  it.each([
    ['auditID missing', { auditID: undefined }, 'auditID is missing'],
    ['auditID empty', { auditID: '' }, 'auditID is empty'],
    ['auditID not a string', { auditID: 7 }, 'auditID is not a string (got number)'],
    ['verb missing', { verb: undefined }, 'verb is missing'],
    ['stage missing', { stage: undefined }, 'stage is missing'],
    [
      'stage unknown',
      { stage: 'Done' },
      'stage "Done" is not one of RequestReceived, ResponseStarted, ResponseComplete, Panic',
    ],
    [
      'level unknown',
      { level: 'Verbose' },
      'level "Verbose" is not one of None, Metadata, Request, RequestResponse',
    ],
    ['requestURI missing', { requestURI: undefined }, 'requestURI is missing'],
    ['kind of another type', { kind: 'Status' }, 'kind "Status" is not "Event"'],
    [
      'apiVersion unsupported',
      { apiVersion: 'audit.k8s.io/v1alpha1' },
      'apiVersion "audit.k8s.io/v1alpha1" is not one of audit.k8s.io/v1, audit.k8s.io/v1beta1',
    ],
    ['user not an object', { user: 'alice' }, 'user is not an object (got string)'],
    [
      'a group not a string',
      { user: { username: 'alice', groups: ['a', 3] } },
      'user.groups[1] is not a string (got number)',
    ],
    [
      'objectRef.name not a string',
      { objectRef: { name: 5 } },
      'objectRef.name is not a string (got number)',
    ],
    [
      'responseStatus.code not an integer',
      { responseStatus: { code: '201' } },
      'responseStatus.code is not an integer (got string)',
    ],
    [
      'an annotation not a string',
      { annotations: { 'a.b/c': true } },
      'annotations["a.b/c"] is not a string (got boolean)',
    ],
    [
      'no timestamp at all',
      { stageTimestamp: undefined, requestReceivedTimestamp: undefined },
      'no usable timestamp (stageTimestamp is missing; metadata.creationTimestamp is missing; timestamp is missing; requestReceivedTimestamp is missing)',
    ],
    [
      'only unusable timestamps',
      { stageTimestamp: 'yesterday', requestReceivedTimestamp: 1700000000 },
      'no usable timestamp (stageTimestamp "yesterday" is not an RFC 3339 time; metadata.creationTimestamp is missing; timestamp is missing; requestReceivedTimestamp is not a string (got number))',
    ],
  ])('rejects an event with %s, naming the field', (_name, overrides, reason) => {
    const decoded = decodeAuditMessage(syntheticLine(syntheticWireEvent(overrides)));
    expect(decoded.events).toEqual([]);
    expect(reasons(decoded)).toEqual([reason]);
  });

  it('lists every problem of an event at once', () => {
    const decoded = decodeAuditMessage('{"kind":"Event","verb":"create"}');
    expect(reasons(decoded)).toEqual([
      'auditID is missing; stage is missing; requestURI is missing; no usable timestamp (stageTimestamp is missing; metadata.creationTimestamp is missing; timestamp is missing; requestReceivedTimestamp is missing)',
    ]);
  });

  it('rejects a body nested deeper than any real object, naming it', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const line = `${GNP_LINE.slice(0, -1)},"requestObject":${deep}}`;
    const decoded = decodeAuditMessage(syntheticFluentBitEnvelope(line));
    expect(decoded.events.length).toBe(0);
    expect(reasons(decoded)).toEqual(['log: requestObject nests deeper than 256 levels']);
    expect(decoded.failures[0]?.raw).toBe(line);
  });

  it('keeps a body nested as deep as the limit', () => {
    const deep = `${'['.repeat(256)}${']'.repeat(256)}`;
    const decoded = decodeAuditMessage(`${GNP_LINE.slice(0, -1)},"responseObject":${deep}}`);
    expect(decoded.failures).toEqual([]);
    expect(decoded.events.length).toBe(1);
  });

  it('stops unwrapping arrays nested beyond any framing', () => {
    const text = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const decoded = decodeAuditMessage(text);
    expect(decoded.events.length).toBe(0);
    expect(reasons(decoded)).toEqual(['[0]: [0]: [0]: [0]: [0]: [0]: [0]: nested too deeply']);
    expect(decoded.failures[0]?.raw).toBe(text);
  });
});

describe('decodeAuditMessage: normalisation', () => {
  it('keeps the known fields under our names and leaves unknown ones out', () => {
    const event = onlyEvent(
      decodeAuditMessage(syntheticLine({ ...SYNTHETIC_CALICO_GNP_CREATE, name: 'fluentd-added' })),
    );
    expect(event).toMatchObject({
      apiVersion: 'audit.k8s.io/v1beta1',
      level: 'RequestResponse',
      stage: 'ResponseComplete',
      requestUri: '/apis/projectcalico.org/v3/globalnetworkpolicies',
      verb: 'create',
      sourceIps: ['10.0.0.8'],
      objectRef: {
        apiGroup: 'projectcalico.org',
        resource: 'globalnetworkpolicies',
        name: 'default.test-audit-global-policy',
        apiVersion: 'v3',
      },
      responseStatus: { code: 201 },
      sanitised: false,
    });
    expect(event.user.username).toBe('alice@example.com');
    expect(event.user.extra).toEqual({
      'authentication.kubernetes.io/credential-id': ['JTI=synthetic'],
    });
    expect(event).not.toHaveProperty('name');
    expect(event).not.toHaveProperty('requestURI');
    expect(event.responseStatus).not.toHaveProperty('metadata');
  });

  it('defaults a missing apiVersion to audit.k8s.io/v1 and a missing level from the bodies', () => {
    const event = onlyEvent(
      decodeAuditMessage(
        syntheticLine(
          syntheticWireEvent({ apiVersion: undefined, kind: undefined, level: undefined }),
        ),
      ),
    );
    expect(event.apiVersion).toBe('audit.k8s.io/v1');
    expect(event.level).toBe('Metadata');
  });

  it('gives an empty user to a failed authentication logged with user: {}', () => {
    const event = onlyEvent(decodeAuditMessage(syntheticLine(SYNTHETIC_UNAUTHORIZED_DELETE)));
    expect(event.user).toEqual({ username: '', groups: [], extra: {} });
    expect(event.annotations).toEqual({});
  });

  it.each([
    [
      'microsecond v1 timestamps',
      SYNTHETIC_MICROSECOND_EVENT,
      '2026-03-01T10:00:00.999999Z',
      '2026-03-01T10:00:00.000001Z',
    ],
    [
      'a +02:00 offset, nanoseconds cut to microseconds',
      SYNTHETIC_OFFSET_EVENT,
      '2026-03-01T10:00:01.123456Z',
      '2026-03-01T10:00:00.500000Z',
    ],
    [
      'only legacy metadata.creationTimestamp and timestamp',
      syntheticWireEvent({
        stageTimestamp: undefined,
        requestReceivedTimestamp: undefined,
        metadata: { creationTimestamp: '2017-09-11T19:57:33Z' },
        timestamp: '2017-09-11T19:57:32Z',
      }),
      '2017-09-11T19:57:33.000000Z',
      '2017-09-11T19:57:32.000000Z',
    ],
    [
      'only timestamp',
      syntheticWireEvent({
        stageTimestamp: undefined,
        requestReceivedTimestamp: undefined,
        timestamp: '2017-09-11T19:57:32Z',
      }),
      '2017-09-11T19:57:32.000000Z',
      '2017-09-11T19:57:32.000000Z',
    ],
    [
      'only requestReceivedTimestamp',
      syntheticWireEvent({ stageTimestamp: undefined }),
      '2026-03-01T10:00:00.123456Z',
      '2026-03-01T10:00:00.123456Z',
    ],
    [
      'an unusable stageTimestamp, falling back',
      syntheticWireEvent({ stageTimestamp: 'soon' }),
      '2026-03-01T10:00:00.123456Z',
      '2026-03-01T10:00:00.123456Z',
    ],
  ])('normalises %s to MicroTime', (_name, wire, stageAt, requestReceivedAt) => {
    const event = onlyEvent(decodeAuditMessage(syntheticLine(wire)));
    expect(event.stageAt).toBe(stageAt);
    expect(event.requestReceivedAt).toBe(requestReceivedAt);
  });

  it('omits requestReceivedAt when neither requestReceivedTimestamp nor timestamp is usable', () => {
    const event = onlyEvent(
      decodeAuditMessage(
        syntheticLine(syntheticWireEvent({ requestReceivedTimestamp: undefined })),
      ),
    );
    expect(event).not.toHaveProperty('requestReceivedAt');
  });
});

describe('decodeAuditMessage: text PostgreSQL would refuse', () => {
  it('replaces U+0000 in values and keys and marks the event sanitised', () => {
    const event = onlyEvent(decodeAuditMessage(utf8(SYNTHETIC_NUL_TEXT_LINE)));
    expect(event.sanitised).toBe(true);
    expect(event.userAgent).toBe('evil\uFFFDagent');
    expect(event.requestObject).toEqual({
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'default.synthetic-policy', annotations: { 'note\uFFFD': 'a\uFFFDb' } },
    });
    expect(event.raw).toBe(SYNTHETIC_NUL_TEXT_LINE);
    expect(event.raw).not.toContain('\u0000');
  });

  it('replaces lone surrogates, escaped or literal, in every string', () => {
    const line = syntheticLine(
      syntheticWireEvent({
        auditID: 'lone-\ud800',
        annotations: { 'x\udc00': 'y' },
        responseObject: ['\ud83d\ude00 ok', 'bad \udfff'],
      }),
    );
    const escaped = onlyEvent(decodeAuditMessage(line));
    const literal = onlyEvent(decodeAuditMessage(JSON.parse(JSON.stringify(line))));
    for (const event of [escaped, literal]) {
      expect(event.sanitised).toBe(true);
      expect(event.auditId).toBe('lone-\uFFFD');
      expect(event.annotations).toEqual({ 'x\uFFFD': 'y' });
      expect(event.responseObject).toEqual(['\ud83d\ude00 ok', 'bad \uFFFD']);
    }
  });

  it('sanitises an event inside an escaped envelope string', () => {
    const decoded = decodeAuditMessage(syntheticFluentBitEnvelope(SYNTHETIC_NUL_TEXT_LINE));
    expect(onlyEvent(decoded).userAgent).toBe('evil\uFFFDagent');
  });

  it('replaces U+0000 in failure reasons and raw text too', () => {
    const decoded = decodeAuditMessage(utf8('\u0000{garbage\u0000'));
    expect(decoded.failures).toHaveLength(1);
    expect(decoded.failures[0]?.reason).not.toContain('\u0000');
    expect(decoded.failures[0]?.raw).toBe('\uFFFD{garbage\uFFFD');
  });

  it('decodes invalid UTF-8 with replacement, and no longer calls the raw exact', () => {
    const line = syntheticLine(syntheticWireEvent({ userAgent: 'agent-XX' }));
    const bytes = Buffer.from(line, 'utf8');
    const at = bytes.indexOf('XX');
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;
    const event = onlyEvent(decodeAuditMessage(bytes));
    expect(event.userAgent).toBe('agent-\uFFFD\uFFFD');
    expect(event.rawExact).toBe(false);
  });

  it('leaves a clean event unsanitised and exact', () => {
    const event = onlyEvent(decodeAuditMessage(utf8(GNP_LINE)));
    expect(event.sanitised).toBe(false);
    expect(event.rawExact).toBe(true);
  });
});
