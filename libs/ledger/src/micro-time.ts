export { toMicroTime } from '@policy-ledger/audit';

/** A JavaScript Date (millisecond precision) as a MicroTime. */
export function dateToMicroTime(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000Z`;
}

/** MicroTimes compare correctly as strings: same width, same zone. */
export function compareMicroTime(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
