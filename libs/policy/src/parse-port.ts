import { describeValue, type Problems } from './field-readers';

/** A single port is a range with from === to; named ports refer to container or host port names. */
export type PortSpec =
  | { kind: 'range'; from: number; to: number }
  | { kind: 'named'; name: string };

const MAX_PORT = 65535;

/** Reads a Calico port (80, "80", "8000:9000", "http") or a Kubernetes port with its endPort. */
export function parsePort(
  value: unknown,
  path: string,
  problems: Problems,
  endPort?: unknown,
): PortSpec | undefined {
  const range = portRange(value, endPort);
  if (range !== undefined) return range;
  if (typeof value === 'string' && value.trim() !== '' && !/^[\d:]+$/.test(value)) {
    return { kind: 'named', name: value };
  }
  problems.push(`${path}: not a port, port range or port name: ${describeValue(value)}`);
  return undefined;
}

function portRange(value: unknown, endPort: unknown): PortSpec | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const match = /^(\d{1,5})(?::(\d{1,5}))?$/.exec(text.trim());
  if (match === null) return undefined;
  const from = Number(match[1]);
  const end = match[2] ?? (typeof endPort === 'number' ? String(endPort) : undefined);
  const to = end === undefined ? from : Number(end);
  if (from > MAX_PORT || to > MAX_PORT || to < from) return undefined;
  return { kind: 'range', from, to };
}

export function formatPort(port: PortSpec): string {
  if (port.kind === 'named') return port.name;
  return port.from === port.to ? String(port.from) : `${port.from}:${port.to}`;
}

/** True when every port `inner` lists is also in `outer`; an empty list means every port. */
export function portsCover(outer: readonly PortSpec[], inner: readonly PortSpec[]): boolean {
  if (outer.length === 0) return true;
  if (inner.length === 0) return false;
  return inner.every((port) => portCovered(outer, port));
}

function portCovered(outer: readonly PortSpec[], port: PortSpec): boolean {
  if (port.kind === 'named') {
    return outer.some((candidate) => candidate.kind === 'named' && candidate.name === port.name);
  }
  const ranges = outer
    .flatMap((candidate) => (candidate.kind === 'range' ? [candidate] : []))
    .sort((a, b) => a.from - b.from);
  let next = port.from;
  for (const range of ranges) {
    if (range.from > next) break;
    if (range.to >= next) next = range.to + 1;
    if (next > port.to) return true;
  }
  return false;
}
