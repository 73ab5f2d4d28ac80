import { canonicalProtocol } from './canonical-protocol';
import { type Problems, readArray, readRecord, readString, readStringList } from './field-readers';
import { getOwn } from './json-value';
import { readMetadata } from './read-metadata';

export interface HostEndpointModel {
  name: string;
  node?: string;
  interfaceName?: string;
  /** interfaceName "*": policy applies to all of the host's traffic, not one interface. */
  allInterfaces: boolean;
  expectedIPs: string[];
  profiles: string[];
  /** Named ports, as "name protocol/port". */
  ports: string[];
  labels: Readonly<Record<string, string>>;
  problems: string[];
}

export function toHostEndpointModel(object: unknown): HostEndpointModel {
  const problems: Problems = [];
  const metadata = readMetadata(object, problems);
  const spec = readRecord(object, 'spec', 'spec', problems);
  const node = readString(spec, 'node', 'spec.node', problems);
  const interfaceName = readString(spec, 'interfaceName', 'spec.interfaceName', problems);
  if (node === undefined) problems.push('spec.node: missing');
  return {
    name: metadata.name,
    ...(node === undefined ? {} : { node }),
    ...(interfaceName === undefined || interfaceName === '' ? {} : { interfaceName }),
    allInterfaces: interfaceName === '*',
    expectedIPs: [
      ...new Set(readStringList(spec, 'expectedIPs', 'spec.expectedIPs', problems)),
    ].sort(),
    profiles: [...new Set(readStringList(spec, 'profiles', 'spec.profiles', problems))].sort(),
    ports: readArray(spec, 'ports', 'spec.ports', problems).map(describeHostPort).sort(),
    labels: metadata.labels,
    problems,
  };
}

function describeHostPort(port: unknown): string {
  const name = getOwn(port, 'name');
  const protocol = getOwn(port, 'protocol');
  const number = getOwn(port, 'port');
  const protocolText =
    typeof protocol === 'string' || typeof protocol === 'number'
      ? canonicalProtocol(protocol)
      : '?';
  return `${typeof name === 'string' ? name : '?'} ${protocolText}/${String(number ?? '?')}`;
}
