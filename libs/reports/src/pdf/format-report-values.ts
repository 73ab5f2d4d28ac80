import type { ChangeOutcome, ReportScope, ReportType, Subject } from '../report-model';

/** "2026-03-04 12:34:56 UTC" from an RFC 3339 time; the input unchanged when it is not one. */
export function formatInstant(rfc3339: string): string {
  const iso = toIsoUtc(rfc3339);
  return iso === null ? rfc3339 : `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** "2026-03-04 12:34 UTC", seconds dropped when they are zero. */
export function formatShortInstant(rfc3339: string): string {
  const iso = toIsoUtc(rfc3339);
  if (iso === null) return rfc3339;
  const seconds = iso.slice(17, 19) === '00' ? '' : iso.slice(16, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds} UTC`;
}

/** The period as the half-open interval it is: "[2026-03-01 00:00 UTC, 2026-04-01 00:00 UTC)". */
export function formatPeriod(scope: ReportScope): string {
  return `[${formatShortInstant(scope.from)}, ${formatShortInstant(scope.to)})`;
}

/** "[2026-03-01, 2026-04-01)" when both ends are midnight UTC, for running headers; the full period otherwise. */
export function formatPeriodCompact(scope: ReportScope): string {
  const midnight = (time: string) => formatShortInstant(time).endsWith(' 00:00 UTC');
  return midnight(scope.from) && midnight(scope.to)
    ? `[${formatDay(scope.from)}, ${formatDay(scope.to)})`
    : formatPeriod(scope);
}

export function formatDay(rfc3339: string): string {
  return toIsoUtc(rfc3339)?.slice(0, 10) ?? rfc3339;
}

export function formatScope(scope: ReportScope): string {
  return scope.cluster === null ? 'all clusters' : `cluster ${scope.cluster}`;
}

export function formatReportType(type: ReportType): string {
  switch (type) {
    case 'compliance':
      return 'Compliance report';
    case 'threat-model':
      return 'Threat-model report';
    default: {
      const unhandled: never = type;
      return unhandled;
    }
  }
}

export function formatOutcome(outcome: ChangeOutcome): string {
  switch (outcome) {
    case 'applied':
      return 'Applied';
    case 'denied':
      return 'Denied';
    case 'failed':
      return 'Failed';
    case 'dryrun':
      return 'Dry run';
    default: {
      const unhandled: never = outcome;
      return unhandled;
    }
  }
}

/** Thousands grouped with commas, independent of the machine's locale data. */
export function formatCount(value: number): string {
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export function formatSubject(subject: Subject): string {
  const name =
    subject.namespace === undefined ? subject.name : `${subject.namespace}/${subject.name}`;
  return `${subject.kind} ${name}`;
}

export function formatList(values: readonly (string | number)[], none = '—'): string {
  return values.length === 0 ? none : values.join(', ');
}

const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function toIsoUtc(rfc3339: string): string | null {
  // Already UTC (what the ledger stores): no Date round trip, which dominated long tables.
  if (CANONICAL_UTC.test(rfc3339)) return rfc3339;
  const time = Date.parse(rfc3339);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
