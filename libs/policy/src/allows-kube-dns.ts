import { isAnyAddressCidr } from './is-private-cidr';
import type { PortSpec } from './parse-port';
import { portsCover } from './parse-port';
import { parseSelector } from './parse-selector';
import { selectorMatches } from './selector-matches';
import type { PolicyModel } from './to-policy-model';
import type { EntityModel, RuleModel } from './to-rule-model';

export interface DnsAllowance {
  udp: boolean;
  tcp: boolean;
}

/** The labels a kube-dns/CoreDNS pod carries in Calico (including the labels Calico adds). */
const KUBE_DNS_POD = {
  'k8s-app': 'kube-dns',
  'projectcalico.org/namespace': 'kube-system',
  'projectcalico.org/orchestrator': 'k8s',
};
const KUBE_SYSTEM = {
  'projectcalico.org/name': 'kube-system',
  'kubernetes.io/metadata.name': 'kube-system',
};
const DNS_PORT: PortSpec = { kind: 'range', from: 53, to: 53 };
const DNS_PORT_NAMES = ['dns', 'dns-tcp'];

/**
 * Which DNS transports an egress rule allows to kube-dns. A namespaced policy's rule without a
 * namespaceSelector only reaches pods of its own namespace, so it reaches kube-dns only from kube-system.
 */
export function ruleAllowsKubeDns(rule: RuleModel, policyNamespace?: string): DnsAllowance {
  if (rule.action !== 'Allow' || !reachesKubeDns(rule.destination, policyNamespace)) {
    return { udp: false, tcp: false };
  }
  if (!allowsPort53(rule.destination)) return { udp: false, tcp: false };
  const protocols = rule.protocol === undefined ? ['UDP', 'TCP'] : [rule.protocol];
  const allowed = protocols.filter((protocol) => protocol !== rule.notProtocol);
  return { udp: allowed.includes('UDP'), tcp: allowed.includes('TCP') };
}

/** Over the policy's egress rules (first match is not modelled: an earlier Deny is not subtracted). */
export function policyAllowsKubeDns(policy: PolicyModel): DnsAllowance {
  if (!policy.types.includes('Egress')) return { udp: false, tcp: false };
  const namespace = policy.kind.includes('Global') ? undefined : (policy.namespace ?? '');
  return policy.egress.reduce<DnsAllowance>(
    (found, rule) => {
      const rules = ruleAllowsKubeDns(rule, namespace);
      return { udp: found.udp || rules.udp, tcp: found.tcp || rules.tcp };
    },
    { udp: false, tcp: false },
  );
}

/** DNS needs both: UDP for queries, TCP for large answers. */
export function allowsKubeDns(policy: PolicyModel): boolean {
  const allowance = policyAllowsKubeDns(policy);
  return allowance.udp && allowance.tcp;
}

function allowsPort53(entity: EntityModel): boolean {
  const named = entity.ports.some(
    (port) => port.kind === 'named' && DNS_PORT_NAMES.includes(port.name),
  );
  const numbered = portsCover(entity.ports, [DNS_PORT]);
  const excluded = entity.notPorts.length > 0 && portsCover(entity.notPorts, [DNS_PORT]);
  return (named || numbered) && !excluded;
}

function reachesKubeDns(entity: EntityModel, policyNamespace: string | undefined): boolean {
  if (entity.services !== undefined) {
    return (
      entity.services.name === 'kube-dns' &&
      (entity.services.namespace ?? policyNamespace) === 'kube-system'
    );
  }
  if (entity.domains.length > 0 || entity.serviceAccounts !== undefined) return false;
  if (entity.nets.length > 0 && !entity.nets.some(isAnyAddressCidr)) return false;
  if (
    !selects(entity.selector, KUBE_DNS_POD, true) ||
    selects(entity.notSelector, KUBE_DNS_POD, false)
  ) {
    return false;
  }
  if (entity.namespaceSelector !== undefined)
    return selects(entity.namespaceSelector, KUBE_SYSTEM, false);
  return policyNamespace === undefined || policyNamespace === 'kube-system';
}

function selects(
  selector: string | undefined,
  labels: Record<string, string>,
  whenAbsent: boolean,
): boolean {
  if (selector === undefined) return whenAbsent;
  const parsed = parseSelector(selector);
  return parsed.ok && selectorMatches(parsed.ast, labels);
}
