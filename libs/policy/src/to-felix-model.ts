import {
  describeValue,
  type Problems,
  readArray,
  readBoolean,
  readRecord,
  readString,
} from './field-readers';
import { getOwn } from './json-value';
import { readMetadata } from './read-metadata';

export type EndpointToHostAction = 'Drop' | 'Accept' | 'Return';

export interface FelixModel {
  /** "default", or "node.<name>" for a per-node override. */
  name: string;
  wireguardEnabled: boolean;
  wireguardEnabledV6: boolean;
  bpfEnabled: boolean;
  defaultEndpointToHostAction: EndpointToHostAction;
  /** "protocol:port" (with "@net" when restricted); undefined means Calico's built-in defaults. */
  failsafeInboundHostPorts?: string[];
  failsafeOutboundHostPorts?: string[];
  problems: string[];
}

const HOST_ACTIONS: readonly EndpointToHostAction[] = ['Drop', 'Accept', 'Return'];

/** Absent fields take Felix's defaults: WireGuard and eBPF off, endpoint-to-host traffic dropped. */
export function toFelixModel(object: unknown): FelixModel {
  const problems: Problems = [];
  const { name } = readMetadata(object, problems);
  const spec = readRecord(object, 'spec', 'spec', problems);
  const inbound = readFailsafe(spec, 'failsafeInboundHostPorts', problems);
  const outbound = readFailsafe(spec, 'failsafeOutboundHostPorts', problems);
  return {
    name,
    wireguardEnabled:
      readBoolean(spec, 'wireguardEnabled', 'spec.wireguardEnabled', problems) ?? false,
    wireguardEnabledV6:
      readBoolean(spec, 'wireguardEnabledV6', 'spec.wireguardEnabledV6', problems) ?? false,
    bpfEnabled: readBoolean(spec, 'bpfEnabled', 'spec.bpfEnabled', problems) ?? false,
    defaultEndpointToHostAction: readHostAction(spec, problems),
    ...(inbound === undefined ? {} : { failsafeInboundHostPorts: inbound }),
    ...(outbound === undefined ? {} : { failsafeOutboundHostPorts: outbound }),
    problems,
  };
}

function readHostAction(spec: unknown, problems: Problems): EndpointToHostAction {
  const value = readString(
    spec,
    'defaultEndpointToHostAction',
    'spec.defaultEndpointToHostAction',
    problems,
  );
  if (value === undefined || value === '') return 'Drop';
  const action = HOST_ACTIONS.find((known) => known.toLowerCase() === value.toLowerCase());
  if (action !== undefined) return action;
  problems.push(
    `spec.defaultEndpointToHostAction: unknown ${describeValue(value)}, read as Accept`,
  );
  return 'Accept';
}

function readFailsafe(spec: unknown, key: string, problems: Problems): string[] | undefined {
  if (getOwn(spec, key) === undefined || getOwn(spec, key) === null) return undefined;
  const ports = readArray(spec, key, `spec.${key}`, problems).map((entry) => {
    const protocol = String(getOwn(entry, 'protocol') ?? 'tcp').toLowerCase();
    const port = getOwn(entry, 'port');
    const net = getOwn(entry, 'net');
    return `${protocol}:${String(port ?? '?')}${typeof net === 'string' && net !== '' ? `@${net}` : ''}`;
  });
  return [...new Set(ports)].sort();
}
