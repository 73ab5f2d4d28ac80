import { canonicalProtocol } from './canonical-protocol';
import { type Problems, readArray, readRecord, readString, readStringList } from './field-readers';
import { getOwn, isJsonObject } from './json-value';
import { labelSelectorToCalico } from './label-selector-to-calico';
import { type PortSpec, parsePort } from './parse-port';
import {
  type Direction,
  type EntityModel,
  emptyEntity,
  pointerToDotted,
  type RuleModel,
  sortedPorts,
  sortedSet,
} from './to-rule-model';

/**
 * A Kubernetes NetworkPolicy rule in Calico's rule model, split as Calico splits it:
 * one Allow rule per peer and per protocol. The remote side is `from` (ingress) or `to` (egress);
 * ports are always destination ports.
 */
export function toKubernetesRuleModels(
  raw: unknown,
  direction: Direction,
  path: string,
  position: number,
  problems: Problems,
): RuleModel[] {
  const where = pointerToDotted(path);
  if (!isJsonObject(raw)) {
    problems.push(`${where}: expected an object`);
    return [];
  }
  const peerKey = direction === 'Ingress' ? 'from' : 'to';
  const peers = readArray(raw, peerKey, `${where}.${peerKey}`, problems).map((peer, index) =>
    toPeerEntity(peer, `${where}.${peerKey}[${index}]`, problems),
  );
  const remotes = peers.length === 0 ? [emptyEntity()] : peers;
  const portGroups = groupPortsByProtocol(raw, where, problems);
  const split = remotes.length > 1 || portGroups.length > 1;
  return remotes.flatMap((remote, peerIndex) =>
    portGroups.map(({ protocol, ports }) => {
      const local: EntityModel = { ...emptyEntity(), ports };
      return {
        action: 'Allow' as const,
        ...(protocol === undefined ? {} : { protocol }),
        source: direction === 'Ingress' ? remote : { ...emptyEntity() },
        destination: direction === 'Ingress' ? local : { ...remote, ports },
        path,
        position,
        ...(split ? { part: partLabel(peers.length > 1 ? peerIndex : undefined, protocol) } : {}),
      };
    }),
  );
}

function partLabel(peerIndex: number | undefined, protocol: string | undefined): string {
  const peer = peerIndex === undefined ? [] : [`peer ${peerIndex + 1}`];
  return [...peer, ...(protocol === undefined ? [] : [protocol])].join(', ');
}

function toPeerEntity(peer: unknown, where: string, problems: Problems): EntityModel {
  const entity = emptyEntity();
  if (!isJsonObject(peer)) {
    problems.push(`${where}: expected an object`);
    return entity;
  }
  const ipBlock = readRecord(peer, 'ipBlock', `${where}.ipBlock`, problems);
  if (ipBlock !== undefined) {
    const cidr = readString(ipBlock, 'cidr', `${where}.ipBlock.cidr`, problems);
    entity.nets = cidr === undefined ? [] : [cidr];
    entity.notNets = sortedSet(
      readStringList(ipBlock, 'except', `${where}.ipBlock.except`, problems),
    );
  }
  const podSelector = getOwn(peer, 'podSelector');
  const namespaceSelector = getOwn(peer, 'namespaceSelector');
  if (podSelector !== undefined && podSelector !== null) {
    entity.selector = labelSelectorToCalico(podSelector, `${where}.podSelector`, problems);
  }
  if (namespaceSelector !== undefined && namespaceSelector !== null) {
    entity.namespaceSelector = labelSelectorToCalico(
      namespaceSelector,
      `${where}.namespaceSelector`,
      problems,
    );
    entity.selector ??= 'all()';
  }
  if (ipBlock === undefined && entity.selector === undefined) {
    problems.push(
      `${where}: a peer needs podSelector, namespaceSelector or ipBlock; read as any peer`,
    );
  }
  return entity;
}

interface PortGroup {
  protocol?: string;
  ports: PortSpec[];
}

/** Kubernetes ports default to TCP; no ports at all means every protocol and port. */
function groupPortsByProtocol(raw: unknown, where: string, problems: Problems): PortGroup[] {
  const entries = readArray(raw, 'ports', `${where}.ports`, problems);
  if (entries.length === 0) return [{ ports: [] }];
  const groups = new Map<string, PortSpec[] | 'any'>();
  for (const [index, entry] of entries.entries()) {
    const path = `${where}.ports[${index}]`;
    const protocol = canonicalProtocol(
      readString(entry, 'protocol', `${path}.protocol`, problems) ?? 'TCP',
    );
    const known = groups.get(protocol) ?? [];
    const port = getOwn(entry, 'port');
    if (port === undefined || port === null || known === 'any') {
      groups.set(protocol, 'any');
      continue;
    }
    const parsed = parsePort(port, `${path}.port`, problems, getOwn(entry, 'endPort'));
    groups.set(protocol, parsed === undefined ? known : [...known, parsed]);
  }
  return [...groups.entries()].map(([protocol, ports]) => ({
    protocol,
    ports: ports === 'any' ? [] : sortedPorts(ports),
  }));
}
