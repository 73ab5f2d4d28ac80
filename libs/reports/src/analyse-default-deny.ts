import {
  type Direction,
  type PolicyModel,
  type RuleModel,
  ruleMatchesAllTraffic,
} from '@policy-ledger/policy';
import {
  effectiveTier,
  isSystemNamespace,
  type Known,
  type NamespaceEntry,
  type Posture,
} from './read-posture';
import {
  NEW_NAMESPACE_PROBE,
  selectsWholeNamespace,
  wholeNamespaceCoverage,
} from './selects-whole-namespace';

export interface DirectionCoverage {
  direction: Direction;
  /** Enforced policies that deny this direction by default for at least one namespace. */
  denyPolicies: Known<PolicyModel>[];
  /** Non-system namespaces that a default deny covers for this direction, and those it does not. */
  covered: NamespaceEntry[];
  uncovered: NamespaceEntry[];
  /** Covered or not depending on namespace labels the ledger does not know. */
  undetermined: NamespaceEntry[];
  /** A namespace created later, unlabelled, would be covered: the default deny is global. */
  coversNewNamespaces: boolean;
}

export interface DefaultDenyCoverage {
  ingress: DirectionCoverage;
  egress: DirectionCoverage;
}

export const DIRECTIONS: readonly Direction[] = ['Ingress', 'Egress'];

/**
 * Coverage is decided per namespace: a default deny covers a namespace when it selects every pod
 * there (see selectsWholeNamespace); a fresh unlabelled namespace stands for "global".
 */
export function analyseDefaultDeny(posture: Posture): DefaultDenyCoverage {
  return { ingress: coverageOf(posture, 'Ingress'), egress: coverageOf(posture, 'Egress') };
}

export function coverageFor(
  coverage: DefaultDenyCoverage,
  direction: Direction,
): DirectionCoverage {
  return direction === 'Ingress' ? coverage.ingress : coverage.egress;
}

export function hasNoCoverage(coverage: DirectionCoverage): boolean {
  return coverage.covered.length === 0 && !coverage.coversNewNamespaces;
}

export function isFullyCovered(coverage: DirectionCoverage): boolean {
  return coverage.uncovered.length === 0 && coverage.coversNewNamespaces;
}

function coverageOf(posture: Posture, direction: Direction): DirectionCoverage {
  const candidates = posture.policies.filter((policy) =>
    deniesByDefault(posture, policy.model, direction),
  );
  const namespaces = posture.namespaceEntries.filter(
    (entry) => !isSystemNamespace(posture, entry.ref.name),
  );
  const models = candidates.map((policy) => policy.model);
  const coverage = (entry: NamespaceEntry) => wholeNamespaceCoverage(models, entry.ref);
  return {
    direction,
    denyPolicies: candidates.filter(
      (policy) =>
        selectsWholeNamespace(policy.model, NEW_NAMESPACE_PROBE) ||
        posture.namespaceEntries.some((entry) => selectsWholeNamespace(policy.model, entry.ref)),
    ),
    covered: namespaces.filter((entry) => coverage(entry) === 'yes'),
    uncovered: namespaces.filter((entry) => coverage(entry) === 'no'),
    undetermined: namespaces.filter((entry) => coverage(entry) === 'maybe'),
    coversNewNamespaces: wholeNamespaceCoverage(models, NEW_NAMESPACE_PROBE) === 'yes',
  };
}

/**
 * Enforced, with no Allow or Pass rule for the direction, in a tier that ends in Deny (or with an
 * explicit catch-all Deny): what reaches it and matches its selector is denied. isDefaultDeny also
 * demands a broad selector; here breadth is judged per namespace instead.
 */
export function deniesByDefault(
  posture: Posture,
  policy: PolicyModel,
  direction: Direction,
): boolean {
  if (!policy.enforced || !policy.types.includes(direction)) return false;
  const rules = rulesOf(policy, direction);
  if (rules.some((rule) => rule.action === 'Allow' || rule.action === 'Pass')) return false;
  return (
    effectiveTier(posture, policy.tier).defaultAction === 'Deny' ||
    rules.some((rule) => rule.action === 'Deny' && ruleMatchesAllTraffic(rule))
  );
}

export function rulesOf(policy: PolicyModel, direction: Direction): RuleModel[] {
  return direction === 'Ingress' ? policy.ingress : policy.egress;
}
