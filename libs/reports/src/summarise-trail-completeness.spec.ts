import { describe, expect, it } from 'vitest';
import { summariseTrailCompleteness, type TrailStats } from './summarise-trail-completeness';

const base: TrailStats = {
  cluster: 'synthetic-prod',
  resource: 'networkpolicies.projectcalico.org',
  events: 40,
  metadataOnly: 0,
  truncated: 0,
  unknownStates: 0,
  deadLetters: 0,
  expectsBodies: true,
};

describe('summariseTrailCompleteness', () => {
  it.each([
    ['nothing missing', {}, true, []],
    [
      'patches logged at Metadata level',
      { metadataOnly: 12 },
      false,
      ['12 changes logged at Metadata level: their bodies are not in the trail'],
    ],
    [
      'one truncated event',
      { truncated: 1 },
      false,
      ['1 event truncated by the API server: its body is incomplete'],
    ],
    [
      'states that could not be replayed',
      { unknownStates: 2 },
      false,
      [
        '2 object versions could not be reconstructed: their states are unknown until the next snapshot',
      ],
    ],
    [
      'dead letters',
      { deadLetters: 3 },
      false,
      ['3 dead-lettered messages in the period: they could not be decoded'],
    ],
    [
      'Metadata level by design is no gap',
      { metadataOnly: 5, expectsBodies: false },
      true,
      [
        '5 changes logged at Metadata level, as the audit policy intends for this resource: who and when are recorded, not what',
      ],
    ],
    [
      'no events at all',
      { events: 0 },
      true,
      ['No audit events in the period: nothing changed, or the resource is not audited'],
    ],
    [
      'several gaps at once',
      { metadataOnly: 1, deadLetters: 1 },
      false,
      [
        '1 change logged at Metadata level: its body is not in the trail',
        '1 dead-lettered message in the period: it could not be decoded',
      ],
    ],
  ])('%s', (_name, fields: Partial<TrailStats>, complete, notes) => {
    const [row] = summariseTrailCompleteness([{ ...base, ...fields }]);
    expect(row).toEqual({
      cluster: base.cluster,
      resource: base.resource,
      complete,
      events: fields.events ?? base.events,
      metadataOnly: fields.metadataOnly ?? 0,
      truncated: fields.truncated ?? 0,
      unknownStates: fields.unknownStates ?? 0,
      deadLetters: fields.deadLetters ?? 0,
      notes,
    });
  });

  it('sorts rows by cluster, then resource', () => {
    const rows = summariseTrailCompleteness([
      { ...base, cluster: 'b', resource: 'tiers.projectcalico.org' },
      { ...base, cluster: 'a', resource: 'tiers.projectcalico.org' },
      { ...base, cluster: 'a', resource: 'globalnetworkpolicies.projectcalico.org' },
    ]);
    expect(rows.map((row) => `${row.cluster} ${row.resource}`)).toEqual([
      'a globalnetworkpolicies.projectcalico.org',
      'a tiers.projectcalico.org',
      'b tiers.projectcalico.org',
    ]);
  });
});
