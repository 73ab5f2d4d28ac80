import { formatPort, type PortSpec } from './parse-port';
import type { Direction, EntityModel, HttpMatch, IcmpMatch, RuleModel } from './to-rule-model';

const LIST_LIMIT = 4;

/** "Egress rule 2", or "Ingress rule 1 (peer 2, UDP)" for a split Kubernetes rule. */
export function ruleLabel(rule: RuleModel, direction: Direction): string {
  return `${direction} rule ${rule.position}${rule.part === undefined ? '' : ` (${rule.part})`}`;
}

export function listText(values: readonly string[]): string {
  const shown = values.slice(0, LIST_LIMIT).join(', ');
  return values.length > LIST_LIMIT ? `${shown} (+${values.length - LIST_LIMIT} more)` : shown;
}

/** Who an entity rule matches, without its ports: "10.0.0.0/8", "selector app == 'db'", "anywhere". */
export function describeEntity(entity: EntityModel): string {
  const parts = [
    entity.nets.length > 0 ? listText(entity.nets) : undefined,
    entity.notNets.length > 0 ? `not ${listText(entity.notNets)}` : undefined,
    entity.selector === undefined ? undefined : `selector ${entity.selector}`,
    entity.notSelector === undefined ? undefined : `not selector ${entity.notSelector}`,
    entity.namespaceSelector === undefined ? undefined : `namespaces ${entity.namespaceSelector}`,
    entity.serviceAccounts === undefined
      ? undefined
      : describeServiceAccounts(entity.serviceAccounts),
    entity.services === undefined
      ? undefined
      : `service ${entity.services.namespace === undefined ? '' : `${entity.services.namespace}/`}${entity.services.name}`,
    entity.domains.length > 0 ? listText(entity.domains) : undefined,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? 'anywhere' : parts.join(' and ');
}

function describeServiceAccounts(accounts: { names: string[]; selector?: string }): string {
  const names = accounts.names.length > 0 ? [listText(accounts.names)] : [];
  const selector = accounts.selector === undefined ? [] : [`selector ${accounts.selector}`];
  return `service accounts ${[...names, ...selector].join(' and ') || 'any'}`;
}

function describePortList(ports: readonly PortSpec[]): string {
  if (ports.length === 0) return 'any port';
  return `${ports.length === 1 ? 'port' : 'ports'} ${listText(ports.map(formatPort))}`;
}

/** The ports part of a rule: destination ports, plus source ports and exclusions when present. */
export function describeRulePorts(rule: RuleModel): string {
  const parts = [describePortList(rule.destination.ports)];
  if (rule.destination.notPorts.length > 0)
    parts.push(`except ${describePortList(rule.destination.notPorts)}`);
  if (rule.source.ports.length > 0)
    parts.push(`from source ${describePortList(rule.source.ports)}`);
  if (rule.source.notPorts.length > 0)
    parts.push(`not from source ${describePortList(rule.source.notPorts)}`);
  return parts.join(', ');
}

/** Protocol-level matching: "TCP", "any protocol", "TCP, IPv4, HTTP GET /api". */
export function describeProtocol(rule: RuleModel): string {
  const parts = [
    rule.protocol ?? 'any protocol',
    rule.notProtocol === undefined ? undefined : `not ${rule.notProtocol}`,
    rule.ipVersion === undefined ? undefined : `IPv${rule.ipVersion}`,
    rule.icmp === undefined ? undefined : `ICMP ${describeIcmp(rule.icmp)}`,
    rule.notICMP === undefined ? undefined : `not ICMP ${describeIcmp(rule.notICMP)}`,
    rule.http === undefined ? undefined : describeHttp(rule.http),
  ].filter((part) => part !== undefined);
  return parts.join(', ');
}

function describeIcmp(icmp: IcmpMatch): string {
  return `type ${icmp.type ?? 'any'} code ${icmp.code ?? 'any'}`;
}

function describeHttp(http: HttpMatch): string {
  const methods = http.methods.length > 0 ? listText(http.methods) : 'any method';
  const paths = http.paths.length > 0 ? listText(http.paths) : 'any path';
  return `HTTP ${methods} ${paths}`;
}

export function actionVerb(action: RuleModel['action']): string {
  switch (action) {
    case 'Allow':
      return 'allows';
    case 'Deny':
      return 'denies';
    case 'Pass':
      return 'passes';
    case 'Log':
      return 'logs';
    default: {
      const unhandled: never = action;
      return unhandled;
    }
  }
}

function restricts(entity: EntityModel): boolean {
  return describeEntity(entity) !== 'anywhere';
}

/** "Allow UDP to selector k8s-app == 'kube-dns' port 53". */
export function describeRule(rule: RuleModel, direction: Direction): string {
  const protocol = rule.protocol === undefined ? '' : ` ${rule.protocol}`;
  const from =
    direction === 'Ingress' || restricts(rule.source) ? ` from ${describeEntity(rule.source)}` : '';
  const to =
    direction === 'Egress' || restricts(rule.destination)
      ? ` to ${describeEntity(rule.destination)}`
      : '';
  const hasPorts = [rule.source, rule.destination].some(
    (e) => e.ports.length > 0 || e.notPorts.length > 0,
  );
  return `${rule.action}${protocol}${from}${to}${hasPorts ? ` ${describeRulePorts(rule)}` : ''}`;
}
