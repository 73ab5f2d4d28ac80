import { isAnyAddressCidr, isInternetCidr } from './is-private-cidr';
import { parseSelector } from './parse-selector';
import { selectorMatches } from './selector-matches';
import type { NetworkSetModel } from './to-network-set-model';
import type { Direction, EntityModel, RuleModel } from './to-rule-model';

/** The side of a rule that is not the protected endpoint: the source of ingress, the destination of egress. */
export function remoteEntity(rule: RuleModel, direction: Direction): EntityModel {
  return direction === 'Ingress' ? rule.source : rule.destination;
}

export function localEntity(rule: RuleModel, direction: Direction): EntityModel {
  return direction === 'Ingress' ? rule.destination : rule.source;
}

/** Restricts by identity (labels, namespaces, service accounts, services) rather than by address. */
function hasIdentityRestriction(entity: EntityModel): boolean {
  return (
    entity.selector !== undefined ||
    entity.namespaceSelector !== undefined ||
    entity.serviceAccounts !== undefined ||
    entity.services !== undefined
  );
}

/**
 * Every address: no positive restriction at all, or 0.0.0.0/0 / ::/0 with nothing narrowing it.
 * Negative matches (notNets, notSelector) only carve holes, so they do not change the answer.
 */
export function entityMatchesEverything(entity: EntityModel): boolean {
  if (hasIdentityRestriction(entity) || entity.domains.length > 0) return false;
  return entity.nets.length === 0 || entity.nets.some(isAnyAddressCidr);
}

/**
 * Calico's "internet" test: no selector and no CIDR, a non-private CIDR with no selector, egress
 * domains, or (given the network sets) a selector matching a set that holds a non-private net.
 */
export function entityReachesInternet(
  entity: EntityModel,
  networkSets: readonly NetworkSetModel[] = [],
): boolean {
  if (!hasIdentityRestriction(entity)) {
    return (
      entity.nets.length === 0 || entity.nets.some(isInternetCidr) || entity.domains.length > 0
    );
  }
  if (entity.selector === undefined || entity.nets.length > 0) return false;
  const parsed = parseSelector(entity.selector);
  return (
    parsed.ok &&
    networkSets.some(
      (set) => set.nets.some(isInternetCidr) && selectorMatches(parsed.ast, set.labels),
    )
  );
}

/** An Allow rule whose remote side reaches the internet (as Calico's compliance reports flag it). */
export function ruleAllowsInternet(
  rule: RuleModel,
  direction: Direction,
  networkSets: readonly NetworkSetModel[] = [],
): boolean {
  return (
    rule.action === 'Allow' && entityReachesInternet(remoteEntity(rule, direction), networkSets)
  );
}

/** A rule with no restriction whatsoever: every protocol, port, source and destination. */
export function ruleMatchesAllTraffic(rule: RuleModel): boolean {
  const unconstrained =
    rule.protocol === undefined &&
    rule.notProtocol === undefined &&
    rule.ipVersion === undefined &&
    rule.icmp === undefined &&
    rule.notICMP === undefined &&
    rule.http === undefined;
  return (
    unconstrained &&
    [rule.source, rule.destination].every(
      (entity) =>
        entityMatchesEverything(entity) &&
        entity.ports.length === 0 &&
        entity.notPorts.length === 0 &&
        entity.notNets.length === 0 &&
        entity.notSelector === undefined,
    )
  );
}
