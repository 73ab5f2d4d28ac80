const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:?\d{2})$/;

/**
 * Normalises an RFC 3339 timestamp to UTC with exactly six fractional digits
 * (`2026-03-01T10:00:00.123456Z`), the precision of Kubernetes MicroTime and of PostgreSQL's
 * timestamptz, so the text the ledger hashes is the text PostgreSQL gives back. Returns undefined
 * when the text is not a timestamp (including impossible dates such as February 30).
 */
export function toMicroTime(text: string): string | undefined {
  const match = RFC3339.exec(text.trim());
  if (!match) return undefined;
  const [, date, time, fraction = '', zone = 'Z'] = match;
  const offset = /^[Zz]$/.test(zone)
    ? 'Z'
    : zone.length === 5
      ? `${zone.slice(0, 3)}:${zone.slice(3)}`
      : zone;
  const millis = Date.parse(`${date}T${time}${offset}`);
  if (Number.isNaN(millis) || !isCalendarDate(date!) || !isClockTime(time!)) return undefined;
  const micros = fraction.padEnd(6, '0').slice(0, 6);
  return `${new Date(millis).toISOString().slice(0, 19)}.${micros}Z`;
}

function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return (
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day
  );
}

function isClockTime(time: string): boolean {
  const [hours, minutes, seconds] = time.split(':').map(Number) as [number, number, number];
  return hours < 24 && minutes < 60 && seconds < 60;
}
