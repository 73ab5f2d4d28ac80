import { InvalidQueryError } from './invalid-query-error';

/** A resource as RBAC sees it: `apiGroup` is "" for the core group, `subresource` "" when absent. */
export interface ResourceRef {
  resource: string;
  apiGroup: string;
  subresource: string;
}

const SEGMENT = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Parses the kubectl form `plural[.group][/subresource]` (`networkpolicies.projectcalico.org`,
 * `pods/status`, `clusterroles.rbac.authorization.k8s.io`). The tier pseudo-resources can be asked
 * directly as `tier.networkpolicies.projectcalico.org`.
 */
export function parseResourceRef(text: string): ResourceRef {
  const slash = text.indexOf('/');
  const main = slash === -1 ? text : text.slice(0, slash);
  const subresource = slash === -1 ? '' : text.slice(slash + 1);
  if (slash !== -1 && !SEGMENT.test(subresource))
    throw new InvalidQueryError('resource', `"${text}" has an invalid subresource`);
  const pseudo = main.startsWith('tier.') && main.indexOf('.', 5) !== -1;
  const dot = pseudo ? main.indexOf('.', 5) : main.indexOf('.');
  const resource = dot === -1 ? main : main.slice(0, dot);
  const apiGroup = dot === -1 ? '' : main.slice(dot + 1);
  const plural = pseudo ? resource.slice(5) : resource;
  if (!SEGMENT.test(plural))
    throw new InvalidQueryError(
      'resource',
      `"${text}" is not in kubectl form plural[.group][/subresource] (e.g. networkpolicies.projectcalico.org)`,
    );
  if (apiGroup !== '' && !apiGroup.split('.').every((part) => SEGMENT.test(part)))
    throw new InvalidQueryError('resource', `"${text}" has an invalid API group "${apiGroup}"`);
  return { resource, apiGroup, subresource };
}

/** The kubectl form again: `networkpolicies.projectcalico.org`, `pods/status`. */
export function formatResourceRef(ref: ResourceRef): string {
  const main = ref.apiGroup === '' ? ref.resource : `${ref.resource}.${ref.apiGroup}`;
  return ref.subresource === '' ? main : `${main}/${ref.subresource}`;
}
