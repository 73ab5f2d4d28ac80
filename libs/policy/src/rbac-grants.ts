import type { RbacRule } from './to-role-model';

/** One (verb, apiGroup, resource, resourceName) or (verb, nonResourceURL) that a rule grants. */
export type Grant =
  | { kind: 'resource'; verb: string; apiGroup: string; resource: string; resourceName: string }
  | { kind: 'url'; verb: string; url: string };

export const WRITE_VERBS: readonly string[] = [
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  '*',
];
export const ESCALATION_VERBS: readonly string[] = ['escalate', 'bind', 'impersonate'];
/** Calico's tier-scoped policy resources; resourceNames are "<tier>.*" or "<tier>.<policy>". */
const TIER_POLICY_RESOURCES: readonly string[] = [
  'tier.networkpolicies',
  'tier.globalnetworkpolicies',
  'tier.stagednetworkpolicies',
  'tier.stagedglobalnetworkpolicies',
];
const CALICO_POLICY_RESOURCES: readonly string[] = [
  'networkpolicies',
  'globalnetworkpolicies',
  'stagednetworkpolicies',
  'stagedglobalnetworkpolicies',
  'stagedkubernetesnetworkpolicies',
  'networksets',
  'globalnetworksets',
  'hostendpoints',
  'felixconfigurations',
  'tiers',
];
/** Guards against rules whose lists multiply into millions of grants. */
const MAX_GRANTS = 50_000;

/** Every grant a rule spells out; undefined when there are too many to list. */
export function expandGrants(rule: RbacRule): Grant[] | undefined {
  const names = rule.resourceNames.length === 0 ? [''] : rule.resourceNames;
  const size =
    rule.verbs.length *
    (rule.apiGroups.length * rule.resources.length * names.length + rule.nonResourceURLs.length);
  if (size > MAX_GRANTS) return undefined;
  return rule.verbs.flatMap((verb) => [
    ...rule.apiGroups.flatMap((apiGroup) =>
      rule.resources.flatMap((resource) =>
        names.map(
          (resourceName): Grant => ({ kind: 'resource', verb, apiGroup, resource, resourceName }),
        ),
      ),
    ),
    ...rule.nonResourceURLs.map((url): Grant => ({ kind: 'url', verb, url })),
  ]);
}

export function grantKey(grant: Grant): string {
  return JSON.stringify(grant);
}

function groupMatches(grant: Grant, groups: readonly string[]): boolean {
  return grant.kind === 'resource' && (grant.apiGroup === '*' || groups.includes(grant.apiGroup));
}

export function isWildcardVerb(grant: Grant): boolean {
  return grant.verb === '*';
}

export function isWildcardResource(grant: Grant): boolean {
  if (grant.kind === 'url') return grant.url === '*' || grant.url.endsWith('/*');
  return grant.resource === '*' || grant.apiGroup === '*';
}

export function isEscalationVerb(grant: Grant): boolean {
  return ESCALATION_VERBS.includes(grant.verb);
}

/** Writing tier-scoped policies, or the tiers themselves, through projectcalico.org. */
export function isTierEdit(grant: Grant): boolean {
  return (
    grant.kind === 'resource' &&
    WRITE_VERBS.includes(grant.verb) &&
    groupMatches(grant, ['projectcalico.org']) &&
    (TIER_POLICY_RESOURCES.includes(grant.resource) || grant.resource === 'tiers')
  );
}

/** The tier a tier grant reaches: "*" for all (blank resourceNames), else the "<tier>." prefix. */
export function tierOfGrant(grant: Grant): string {
  if (grant.kind !== 'resource' || grant.resourceName === '') return '*';
  if (grant.resource === 'tiers') return grant.resourceName;
  const dot = grant.resourceName.indexOf('.');
  return dot === -1 ? grant.resourceName : grant.resourceName.slice(0, dot);
}

/**
 * Writing network policy objects directly: Kubernetes NetworkPolicies, or Calico resources through
 * crd.projectcalico.org, which goes around Calico's tier authorization. Named resources only:
 * wildcard resources are reported as such.
 */
export function isPolicyEdit(grant: Grant): boolean {
  if (grant.kind !== 'resource' || !WRITE_VERBS.includes(grant.verb)) return false;
  if (groupMatches(grant, ['networking.k8s.io']) && grant.resource === 'networkpolicies')
    return true;
  return (
    groupMatches(grant, ['crd.projectcalico.org']) &&
    CALICO_POLICY_RESOURCES.includes(grant.resource)
  );
}

export function bypassesTierRbac(grant: Grant): boolean {
  return grant.kind === 'resource' && grant.apiGroup === 'crd.projectcalico.org';
}

/** Mirrors Kubernetes' evaluation helpers, clause by clause, each returning early on the wildcard. */
function verbMatches(held: Grant, wanted: Grant): boolean {
  return held.verb === '*' || held.verb === wanted.verb;
}

function apiGroupMatches(held: string, wanted: string): boolean {
  return held === '*' || held === wanted;
}

function resourceMatches(held: string, wanted: string): boolean {
  return (
    held === '*' || held === wanted || (held.endsWith('/*') && wanted.startsWith(held.slice(0, -1)))
  );
}

function resourceNameMatches(held: string, wanted: string): boolean {
  return held === '' || held === wanted;
}

function nonResourceUrlMatches(held: string, wanted: string): boolean {
  return (
    held === '*' || held === wanted || (held.endsWith('*') && wanted.startsWith(held.slice(0, -1)))
  );
}

/** Whether `held` already grants everything `wanted` grants. */
export function grantCovers(held: Grant, wanted: Grant): boolean {
  if (!verbMatches(held, wanted)) return false;
  if (held.kind === 'url' || wanted.kind === 'url') {
    return (
      held.kind === 'url' && wanted.kind === 'url' && nonResourceUrlMatches(held.url, wanted.url)
    );
  }
  return (
    apiGroupMatches(held.apiGroup, wanted.apiGroup) &&
    resourceMatches(held.resource, wanted.resource) &&
    resourceNameMatches(held.resourceName, wanted.resourceName)
  );
}
