import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CascadeCause, foldObjectHistory, type HistoryEntry } from './object-history';

// Given (changes to one object, in any order) / When (folded) / Then (its versions). No database.
const subject = {
  kind: 'GlobalNetworkPolicy',
  key: 'c1/projectcalico.org/globalnetworkpolicies/_/deny-all',
};

function policy(order: number, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'GlobalNetworkPolicy',
    metadata: { name: 'deny-all', uid: 'uid-1', resourceVersion: String(order) },
    spec: { tier: 'default', order, selector: 'all()', types: ['Ingress', 'Egress'], ...extra },
  };
}

let seq = 0;
function change(at: string, o: Partial<HistoryEntry>): HistoryEntry {
  seq += 1;
  return {
    changeKey: `audit:${at}-${seq}`,
    source: 'audit',
    occurredAt: at,
    tiebreak: `t-${at}-${seq}`,
    outcome: 'applied',
    level: 'RequestResponse',
    ...o,
  };
}

const specOf = (version: { object: Record<string, unknown> | null } | undefined) =>
  (version?.object?.spec ?? {}) as { order?: number; selector?: string };

const t = (n: number) => `2026-03-01T10:00:0${n}.000000Z`;

describe('foldObjectHistory', () => {
  it('makes a version per applied change, with the state from the response', () => {
    const history = foldObjectHistory(subject, [
      change(t(1), { verb: 'create', responseObject: policy(100), statusCode: 201 }),
      change(t(2), { verb: 'update', responseObject: policy(200) }),
    ]);
    expect(history.versions.map((v) => [v.version, v.action, specOf(v).order])).toEqual([
      [1, 'created', 100],
      [2, 'updated', 200],
    ]);
    expect(history.versions[1]?.patch).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ op: 'replace', path: '/spec/order', value: 200 }),
      ]),
    );
    expect(history.final).toMatchObject({ exists: true, known: true, version: 2 });
  });

  it.each([
    [
      'a create logged at Request level',
      { verb: 'create', level: 'Request', requestObject: policy(100) },
      true,
    ],
    ['a create logged at Metadata level', { verb: 'create', level: 'Metadata' }, false],
  ] as const)('%s: state known = %s', (_name, entry, known) => {
    const history = foldObjectHistory(subject, [change(t(1), entry as Partial<HistoryEntry>)]);
    expect(history.versions[0]).toMatchObject({ action: 'created', stateKnown: known });
    if (!known) expect(history.versions[0]?.unknownSince).toBe(t(1));
  });

  it.each([
    [
      'a merge patch',
      { patchFlavour: 'merge-patch', requestObject: { spec: { order: 300 } } },
      300,
    ],
    [
      'a JSON Patch',
      {
        patchFlavour: 'json-patch',
        requestObject: [{ op: 'replace', path: '/spec/order', value: 400 }],
      },
      400,
    ],
    [
      'a kubectl apply patch with ordering hints',
      {
        patchFlavour: 'merge-patch',
        requestObject: { spec: { order: 500, '$setElementOrder/types': [{ x: 1 }] } },
      },
      500,
    ],
  ] as const)(
    'replays %s logged without its response on the last known state',
    (_name, patch, order) => {
      const history = foldObjectHistory(subject, [
        change(t(1), { verb: 'create', responseObject: policy(100) }),
        change(t(2), { verb: 'patch', level: 'Request', ...(patch as Partial<HistoryEntry>) }),
      ]);
      expect(history.versions[1]).toMatchObject({ action: 'updated', stateKnown: true });
      expect(specOf(history.versions[1]).order).toBe(order);
      expect(specOf(history.versions[1]).selector).toBe('all()');
    },
  );

  it.each([
    [
      'server-side apply',
      { patchFlavour: 'apply', requestObject: { spec: { order: 1 } } },
      /server-side apply/,
    ],
    [
      'a strategic merge patch directive',
      { patchFlavour: 'merge-patch', requestObject: { spec: { $patch: 'replace' } } },
      /\$patch/,
    ],
    [
      'a JSON Patch whose test fails',
      {
        patchFlavour: 'json-patch',
        requestObject: [{ op: 'test', path: '/spec/order', value: 9 }],
      },
      /JSON Patch could not be replayed/,
    ],
    ['a patch at Metadata level', { level: 'Metadata' }, /without a body/],
  ] as const)(
    'cannot replay %s: the state is unknown since then, and says why',
    (_name, patch, why) => {
      const history = foldObjectHistory(subject, [
        change(t(1), { verb: 'create', responseObject: policy(100) }),
        change(t(2), { verb: 'patch', level: 'Request', ...(patch as Partial<HistoryEntry>) }),
        change(t(3), {
          verb: 'patch',
          level: 'Request',
          patchFlavour: 'merge-patch',
          requestObject: { spec: { order: 7 } },
        }),
      ]);
      expect(history.versions[1]).toMatchObject({
        stateKnown: false,
        unknownSince: t(2),
        object: null,
      });
      expect(history.versions[1]?.note).toMatch(why);
      expect(history.versions[2]).toMatchObject({ stateKnown: false, unknownSince: t(2) });
    },
  );

  it('knows the state again after a change that carries the whole object', () => {
    const history = foldObjectHistory(subject, [
      change(t(1), { verb: 'create', level: 'Metadata' }),
      change(t(2), { verb: 'update', level: 'Request', requestObject: policy(600) }),
    ]);
    expect(history.versions.map((v) => v.stateKnown)).toEqual([false, true]);
    expect(history.final.unknownSince).toBeUndefined();
  });

  it('keeps the last known state as the deleted state', () => {
    const history = foldObjectHistory(subject, [
      change(t(1), { verb: 'create', responseObject: policy(100) }),
      change(t(2), { verb: 'delete', responseObject: { kind: 'Status', status: 'Success' } }),
    ]);
    expect(history.versions[1]).toMatchObject({
      action: 'deleted',
      deleted: true,
      stateKnown: true,
    });
    expect(specOf(history.versions[1]).order).toBe(100);
  });

  it.each([
    ['denied', 'attempted'],
    ['failed', 'attempted'],
    ['dryrun', 'attempted'],
  ] as const)('records a %s change without a version', (outcome, action) => {
    const history = foldObjectHistory(subject, [
      change(t(1), { verb: 'create', responseObject: policy(100) }),
      change(t(2), { verb: 'update', outcome, responseObject: policy(999) }),
    ]);
    expect(history.versions).toHaveLength(1);
    expect(history.outcomes[1]).toMatchObject({ action, version: 1 });
  });

  it('does not change the spec for a status subresource write', () => {
    const history = foldObjectHistory(subject, [
      change(t(1), { verb: 'create', responseObject: policy(100) }),
      change(t(2), { verb: 'update', subresource: 'status', responseObject: policy(999) }),
    ]);
    expect(history.versions).toHaveLength(1);
    expect(history.outcomes[1]).toMatchObject({ action: 'updated', version: 1 });
    expect(history.outcomes[1]?.note).toMatch(/status subresource/);
  });

  it('tombstones the object when its namespace is deleted, not when it was created afterwards', () => {
    const cause: CascadeCause = {
      changeKey: 'audit:ns-delete',
      reason: 'namespace-deleted',
      occurredAt: t(3),
      tiebreak: 'ns',
    };
    const before = foldObjectHistory(
      subject,
      [change(t(1), { verb: 'create', responseObject: policy(100) })],
      [cause],
    );
    expect(before.versions.at(-1)).toMatchObject({
      action: 'deleted',
      cascade: { reason: 'namespace-deleted', causeChangeKey: 'audit:ns-delete' },
      changeKey: `cascade:audit:ns-delete:${subject.key}`,
    });
    const after = foldObjectHistory(
      subject,
      [change(t(5), { verb: 'create', responseObject: policy(100) })],
      [cause],
    );
    expect(after.versions.map((v) => v.action)).toEqual(['created']);
  });

  it('makes no second version for deleting what is already deleted', () => {
    const history = foldObjectHistory(
      subject,
      [
        change(t(1), { verb: 'create', responseObject: policy(1) }),
        change(t(4), { verb: 'delete' }),
      ],
      [{ changeKey: 'audit:ns', reason: 'namespace-deleted', occurredAt: t(3), tiebreak: 'ns' }],
    );
    expect(history.versions.map((v) => v.action)).toEqual(['created', 'deleted']);
    expect(history.outcomes.at(-1)).toMatchObject({
      action: 'deleted',
      note: 'the object was already deleted',
    });
  });

  it('starts history from a snapshot observation', () => {
    const observed: HistoryEntry = {
      changeKey: 'observed:e1',
      source: 'observation',
      outcome: 'observed',
      occurredAt: t(1),
      tiebreak: 'e1',
      observed: policy(100),
    };
    const history = foldObjectHistory(subject, [
      observed,
      change(t(2), { verb: 'update', responseObject: policy(50) }),
    ]);
    expect(history.versions.map((v) => v.action)).toEqual(['observed', 'updated']);
    expect(history.versions[1]?.summary.length).toBeGreaterThan(0);
  });

  it('continues incrementally to the same result as a full fold', () => {
    const entries = [
      change(t(1), { verb: 'create', responseObject: policy(1) }),
      change(t(2), {
        verb: 'patch',
        level: 'Request',
        patchFlavour: 'merge-patch',
        requestObject: { spec: { order: 2 } },
      }),
      change(t(3), { verb: 'update', outcome: 'denied' }),
      change(t(4), { verb: 'delete' }),
    ];
    const full = foldObjectHistory(subject, entries);
    const firstHalf = foldObjectHistory(subject, entries.slice(0, 2));
    const secondHalf = foldObjectHistory(subject, entries.slice(2), [], firstHalf.final);
    expect([...firstHalf.versions, ...secondHalf.versions]).toEqual(full.versions);
    expect(secondHalf.final).toEqual(full.final);
  });

  it('gives the same history whatever order the changes arrive in', () => {
    const entries = [
      change(t(1), { verb: 'create', level: 'Request', requestObject: policy(1) }),
      change(t(2), {
        verb: 'patch',
        level: 'Request',
        patchFlavour: 'merge-patch',
        requestObject: { spec: { order: 2 } },
      }),
      change(t(3), {
        verb: 'patch',
        level: 'Request',
        patchFlavour: 'json-patch',
        requestObject: [{ op: 'add', path: '/spec/types/-', value: 'Egress' }],
      }),
      change(t(4), { verb: 'update', outcome: 'failed' }),
      change(t(5), { verb: 'delete' }),
      change(t(6), { verb: 'create', responseObject: policy(6) }),
    ];
    const causes: CascadeCause[] = [
      {
        changeKey: 'audit:ns',
        reason: 'collection-deleted',
        occurredAt: '2026-03-01T10:00:05.500000Z',
        tiebreak: 'x',
      },
    ];
    const expected = foldObjectHistory(subject, entries, causes);
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length }), (shuffled) => {
        expect(foldObjectHistory(subject, shuffled, causes)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
