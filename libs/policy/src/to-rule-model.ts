import { canonicalProtocol } from './canonical-protocol';
import {
  describeValue,
  type Problems,
  readArray,
  readNumber,
  readRecord,
  readString,
  readStringList,
} from './field-readers';
import { getOwn, isJsonObject } from './json-value';
import { type PortSpec, parsePort } from './parse-port';

export type RuleAction = 'Allow' | 'Deny' | 'Log' | 'Pass';
export type Direction = 'Ingress' | 'Egress';

export interface EntityModel {
  nets: string[];
  notNets: string[];
  selector?: string;
  notSelector?: string;
  namespaceSelector?: string;
  ports: PortSpec[];
  notPorts: PortSpec[];
  serviceAccounts?: { names: string[]; selector?: string };
  services?: { name: string; namespace?: string };
  /** Calico Enterprise egress domains (exact or wildcard). */
  domains: string[];
}

export interface IcmpMatch {
  type?: number;
  code?: number;
}

export interface HttpMatch {
  methods: string[];
  /** "exact:/path" or "prefix:/path". */
  paths: string[];
}

export interface RuleModel {
  action: RuleAction;
  protocol?: string;
  notProtocol?: string;
  ipVersion?: 4 | 6;
  icmp?: IcmpMatch;
  notICMP?: IcmpMatch;
  http?: HttpMatch;
  source: EntityModel;
  destination: EntityModel;
  /** JSON pointer to the rule in the object it was read from. */
  path: string;
  /** 1-based position in its direction's rule list, as auditors count. */
  position: number;
  /** For a Kubernetes rule Calico splits into several: which peer and protocol this one is. */
  part?: string;
}

const ACTIONS: readonly RuleAction[] = ['Allow', 'Deny', 'Log', 'Pass'];

export function emptyEntity(): EntityModel {
  return { nets: [], notNets: [], ports: [], notPorts: [], domains: [] };
}

/** A Calico Rule. An unreadable action is taken as Allow, the reading that hides no risk. */
export function toRuleModel(
  raw: unknown,
  path: string,
  position: number,
  problems: Problems,
): RuleModel {
  const where = pointerToDotted(path);
  const action = readAction(raw, where, problems);
  const protocol = readProtocol(raw, 'protocol', where, problems);
  const notProtocol = readProtocol(raw, 'notProtocol', where, problems);
  const ipVersion = readNumber(raw, 'ipVersion', `${where}.ipVersion`, problems);
  const icmp = readIcmp(raw, 'icmp', where, problems);
  const notICMP = readIcmp(raw, 'notICMP', where, problems);
  const http = readHttp(raw, where, problems);
  return {
    action,
    ...(protocol === undefined ? {} : { protocol }),
    ...(notProtocol === undefined ? {} : { notProtocol }),
    ...(ipVersion === 4 || ipVersion === 6 ? { ipVersion } : {}),
    ...(icmp === undefined ? {} : { icmp }),
    ...(notICMP === undefined ? {} : { notICMP }),
    ...(http === undefined ? {} : { http }),
    source: toEntityModel(getOwn(raw, 'source'), `${where}.source`, problems),
    destination: toEntityModel(getOwn(raw, 'destination'), `${where}.destination`, problems),
    path,
    position,
  };
}

function readAction(raw: unknown, where: string, problems: Problems): RuleAction {
  const value = getOwn(raw, 'action');
  const action = ACTIONS.find((known) => known.toLowerCase() === String(value).toLowerCase());
  if (action !== undefined) return action;
  problems.push(`${where}.action: unknown action ${describeValue(value)}, read as Allow`);
  return 'Allow';
}

function readProtocol(
  raw: unknown,
  key: string,
  where: string,
  problems: Problems,
): string | undefined {
  const value = getOwn(raw, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return canonicalProtocol(value);
  problems.push(`${where}.${key}: expected a protocol, got ${describeValue(value)}`);
  return undefined;
}

function readIcmp(
  raw: unknown,
  key: string,
  where: string,
  problems: Problems,
): IcmpMatch | undefined {
  const record = readRecord(raw, key, `${where}.${key}`, problems);
  if (record === undefined) return undefined;
  const type = readNumber(record, 'type', `${where}.${key}.type`, problems);
  const code = readNumber(record, 'code', `${where}.${key}.code`, problems);
  return { ...(type === undefined ? {} : { type }), ...(code === undefined ? {} : { code }) };
}

function readHttp(raw: unknown, where: string, problems: Problems): HttpMatch | undefined {
  const record = readRecord(raw, 'http', `${where}.http`, problems);
  if (record === undefined) return undefined;
  const methods = readStringList(record, 'methods', `${where}.http.methods`, problems);
  const paths = readArray(record, 'paths', `${where}.http.paths`, problems).flatMap((match) => {
    const exact = getOwn(match, 'exact');
    const prefix = getOwn(match, 'prefix');
    if (typeof exact === 'string') return [`exact:${exact}`];
    if (typeof prefix === 'string') return [`prefix:${prefix}`];
    problems.push(`${where}.http.paths: unreadable path match ${describeValue(match)}`);
    return [];
  });
  return { methods: [...new Set(methods)].sort(), paths: [...new Set(paths)].sort() };
}

function toEntityModel(raw: unknown, where: string, problems: Problems): EntityModel {
  const entity = emptyEntity();
  if (raw === undefined || raw === null) return entity;
  if (!isJsonObject(raw)) {
    problems.push(`${where}: expected an object, got ${describeValue(raw)}`);
    return entity;
  }
  entity.nets = sortedSet(readStringList(raw, 'nets', `${where}.nets`, problems));
  entity.notNets = sortedSet(readStringList(raw, 'notNets', `${where}.notNets`, problems));
  entity.domains = sortedSet(readStringList(raw, 'domains', `${where}.domains`, problems));
  entity.ports = readPorts(raw, 'ports', where, problems);
  entity.notPorts = readPorts(raw, 'notPorts', where, problems);
  assignSelector(entity, 'selector', readString(raw, 'selector', `${where}.selector`, problems));
  assignSelector(
    entity,
    'notSelector',
    readString(raw, 'notSelector', `${where}.notSelector`, problems),
  );
  assignSelector(
    entity,
    'namespaceSelector',
    readString(raw, 'namespaceSelector', `${where}.namespaceSelector`, problems),
  );
  const serviceAccounts = readRecord(raw, 'serviceAccounts', `${where}.serviceAccounts`, problems);
  if (serviceAccounts !== undefined) {
    const names = readStringList(
      serviceAccounts,
      'names',
      `${where}.serviceAccounts.names`,
      problems,
    );
    const selector = readString(
      serviceAccounts,
      'selector',
      `${where}.serviceAccounts.selector`,
      problems,
    );
    entity.serviceAccounts = {
      names: sortedSet(names),
      ...(selector ? { selector } : {}),
    };
  }
  const services = readRecord(raw, 'services', `${where}.services`, problems);
  const serviceName = readString(services, 'name', `${where}.services.name`, problems);
  const serviceNamespace = readString(
    services,
    'namespace',
    `${where}.services.namespace`,
    problems,
  );
  if (serviceName !== undefined) {
    entity.services = {
      name: serviceName,
      ...(serviceNamespace ? { namespace: serviceNamespace } : {}),
    };
  }
  return entity;
}

/** An empty selector string restricts nothing, exactly like an absent one. */
function assignSelector(
  entity: EntityModel,
  key: 'selector' | 'notSelector' | 'namespaceSelector',
  value: string | undefined,
): void {
  if (value !== undefined && value.trim() !== '') entity[key] = value.trim();
}

function readPorts(raw: unknown, key: string, where: string, problems: Problems): PortSpec[] {
  const ports = readArray(raw, key, `${where}.${key}`, problems).flatMap((port, index) => {
    const parsed = parsePort(port, `${where}.${key}[${index}]`, problems);
    return parsed === undefined ? [] : [parsed];
  });
  return sortedPorts(ports);
}

/** Match lists are sets: order and repeats carry no meaning, so the model drops both. */
export function sortedSet(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()))].sort();
}

export function sortedPorts(ports: readonly PortSpec[]): PortSpec[] {
  const key = (port: PortSpec) =>
    port.kind === 'named'
      ? `1:${port.name}`
      : `0:${String(port.from).padStart(5, '0')}:${String(port.to).padStart(5, '0')}`;
  const unique = new Map(ports.map((port) => [key(port), port]));
  return [...unique.keys()].sort().map((k) => unique.get(k) as PortSpec);
}

/** "/spec/ingress/0/source" → "spec.ingress[0].source", the spelling problems use. */
export function pointerToDotted(pointer: string): string {
  return pointer
    .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
    .replaceAll('/', '.')
    .replace(/^\./, '');
}
