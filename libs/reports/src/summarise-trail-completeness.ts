import { plural } from './describe-policy';
import type { CompletenessRow } from './report-model';

/** Per cluster and resource, what the ledger holds for the period. */
export interface TrailStats {
  cluster: string;
  /** kubectl form, e.g. networkpolicies.projectcalico.org. */
  resource: string;
  events: number;
  /** Mutations logged at Metadata level: who and when, without the body. */
  metadataOnly: number;
  /** Events the API server marked audit.k8s.io/truncated. */
  truncated: number;
  /** Versions whose state the ledger could not reconstruct. */
  unknownStates: number;
  /** Messages of the period that could not be decoded. */
  deadLetters: number;
  /** Whether the audit policy should log this resource's bodies (RequestResponse). */
  expectsBodies: boolean;
}

/**
 * Complete means the trail says who changed what for every change: no missing bodies where
 * bodies were expected, nothing truncated, no unreplayable state, nothing dead-lettered.
 */
export function summariseTrailCompleteness(stats: readonly TrailStats[]): CompletenessRow[] {
  return [...stats].sort(compareStats).map((row) => {
    const gaps = gapNotes(row);
    return {
      cluster: row.cluster,
      resource: row.resource,
      complete: gaps.length === 0,
      events: row.events,
      metadataOnly: row.metadataOnly,
      truncated: row.truncated,
      unknownStates: row.unknownStates,
      deadLetters: row.deadLetters,
      notes: [...gaps, ...infoNotes(row)],
    };
  });
}

function gapNotes(row: TrailStats): string[] {
  return [
    ...(row.expectsBodies && row.metadataOnly > 0
      ? [
          `${changes(row.metadataOnly)} logged at Metadata level: ${row.metadataOnly === 1 ? 'its body is' : 'their bodies are'} not in the trail`,
        ]
      : []),
    ...(row.truncated > 0
      ? [
          `${plural(row.truncated, 'event')} truncated by the API server: ${row.truncated === 1 ? 'its body is' : 'their bodies are'} incomplete`,
        ]
      : []),
    ...(row.unknownStates > 0
      ? [
          `${plural(row.unknownStates, 'object version')} could not be reconstructed: ${row.unknownStates === 1 ? 'its state is' : 'their states are'} unknown until the next snapshot`,
        ]
      : []),
    ...(row.deadLetters > 0
      ? [
          `${plural(row.deadLetters, 'dead-lettered message')} in the period: ${row.deadLetters === 1 ? 'it' : 'they'} could not be decoded`,
        ]
      : []),
  ];
}

function infoNotes(row: TrailStats): string[] {
  return [
    ...(!row.expectsBodies && row.metadataOnly > 0
      ? [
          `${changes(row.metadataOnly)} logged at Metadata level, as the audit policy intends for this resource: who and when are recorded, not what`,
        ]
      : []),
    ...(row.events === 0
      ? ['No audit events in the period: nothing changed, or the resource is not audited']
      : []),
  ];
}

function changes(count: number): string {
  return plural(count, 'change');
}

function compareStats(a: TrailStats, b: TrailStats): number {
  const key = (row: TrailStats) => `${row.cluster}\u0000${row.resource}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
