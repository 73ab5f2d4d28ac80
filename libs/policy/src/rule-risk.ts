import {
  entityMatchesEverything,
  entityReachesInternet,
  remoteEntity,
} from './entity-reaches-internet';
import type { Risk } from './semantic-change';
import type { Direction, EntityModel, RuleAction, RuleModel } from './to-rule-model';

/**
 * Risk rules for rule-level changes. Allow lets traffic through; Pass lets it skip the rest of the
 * tier (its guardrails); Deny stops it; Log only records and continues.
 */
export function actionChangeRisk(from: RuleAction, to: RuleAction): Risk {
  switch (to) {
    case 'Allow':
      return 'high';
    case 'Pass':
      return from === 'Allow' ? 'low' : 'medium';
    case 'Log':
      return from === 'Deny' ? 'medium' : 'low';
    case 'Deny':
      return 'low';
    default: {
      const unhandled: never = to;
      return unhandled;
    }
  }
}

/** The rule now matches more. Only matters when it allows (or passes) what it matches. */
export function widenedRisk(action: RuleAction, opensToInternet: boolean): Risk {
  switch (action) {
    case 'Allow':
      return opensToInternet ? 'high' : 'medium';
    case 'Pass':
      return 'medium';
    case 'Deny':
    case 'Log':
      return 'low';
    default: {
      const unhandled: never = action;
      return unhandled;
    }
  }
}

/** The rule now matches less: a Deny that matches less denies less. */
export function narrowedRisk(action: RuleAction): Risk {
  return action === 'Deny' ? 'medium' : 'low';
}

/** The rule matches something different, neither clearly more nor less. */
export function changedRisk(action: RuleAction): Risk {
  return action === 'Log' ? 'low' : 'medium';
}

/**
 * The remote side is open: every address, or internet CIDRs. Egress domains reach the internet
 * too, but name their destinations, so they alone do not make a rule open.
 */
export function remoteIsOpen(rule: RuleModel, direction: Direction): boolean {
  const remote = remoteEntity(rule, direction);
  return entityMatchesEverything(remote) || reachesInternetByAddress(remote);
}

export function reachesInternetByAddress(entity: EntityModel): boolean {
  return entityReachesInternet(entity) && entity.domains.length === 0;
}

export function addedRuleRisk(rule: RuleModel, direction: Direction): Risk {
  if (rule.action === 'Allow') return remoteIsOpen(rule, direction) ? 'high' : 'medium';
  return rule.action === 'Pass' ? 'medium' : 'low';
}

export function removedRuleRisk(rule: RuleModel, direction: Direction): Risk {
  if (rule.action !== 'Deny') return 'low';
  return entityMatchesEverything(remoteEntity(rule, direction)) ? 'high' : 'medium';
}
