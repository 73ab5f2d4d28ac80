import type { PolicyRule } from './rbac-snapshot';

/** A.1: the attributes of one resource request as RBAC sees them. */
export interface RbacRequest {
  verb: string;
  /** "" for the core group. */
  apiGroup: string;
  resource: string;
  subresource: string;
  /** "" for cluster-scoped objects and all-namespaces collections. */
  namespace: string;
  /** "" when the request carries no name (create, list, watch, deletecollection). */
  name: string;
}

const ALL = '*';

/** A.4, every clause on the same rule (Kubernetes `RuleAllows`). */
export function ruleAllows(rule: PolicyRule, request: RbacRequest): boolean {
  return (
    verbMatches(rule, request.verb) &&
    apiGroupMatches(rule, request.apiGroup) &&
    resourceMatches(rule, combinedResource(request), request.subresource) &&
    resourceNameMatches(rule, request.name)
  );
}

export function verbMatches(rule: Pick<PolicyRule, 'verbs'>, verb: string): boolean {
  for (const ruleVerb of rule.verbs) {
    if (ruleVerb === ALL) return true;
    if (ruleVerb === verb) return true;
  }
  return false;
}

export function apiGroupMatches(rule: Pick<PolicyRule, 'apiGroups'>, apiGroup: string): boolean {
  for (const ruleGroup of rule.apiGroups) {
    if (ruleGroup === ALL) return true;
    if (ruleGroup === apiGroup) return true;
  }
  return false;
}

export function resourceMatches(
  rule: Pick<PolicyRule, 'resources'>,
  combinedRequestedResource: string,
  requestedSubresource: string,
): boolean {
  for (const ruleResource of rule.resources) {
    if (ruleResource === ALL) return true;
    if (ruleResource === combinedRequestedResource) return true;
    if (requestedSubresource === '') continue;
    if (ruleResource === `${ALL}/${requestedSubresource}`) return true;
  }
  return false;
}

export function resourceNameMatches(
  rule: Pick<PolicyRule, 'resourceNames'>,
  requestedName: string,
): boolean {
  if (rule.resourceNames.length === 0) return true;
  for (const ruleName of rule.resourceNames) {
    if (ruleName === requestedName) return true;
  }
  return false;
}

/** `pods` or `pods/status`: what a rule's resources are compared against. */
export function combinedResource(request: Pick<RbacRequest, 'resource' | 'subresource'>): string {
  return request.subresource === ''
    ? request.resource
    : `${request.resource}/${request.subresource}`;
}
