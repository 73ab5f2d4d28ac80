// kafkajs 2.2.4 schedules a timer with a negative delay on Node 24 (tulios/kafkajs#1751); Node
// clamps it to 1 ms, exactly what older Node did silently. Drop only that warning.
const original = process.emitWarning.bind(process);
let installed = false;

export function quietKafkajsTimerWarning(): void {
  if (installed) return;
  installed = true;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const name =
      typeof warning === 'string'
        ? typeof rest[0] === 'string'
          ? rest[0]
          : (rest[0] as { type?: string })?.type
        : warning.name;
    if (name === 'TimeoutNegativeWarning') return;
    (original as (...args: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}
