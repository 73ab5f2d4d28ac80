import type { ClusterScope } from '../check-permission';
import type { Principal } from '../principal';

// Keyed by the request object itself, so nothing a client sends can pose as a principal.
const principals = new WeakMap<object, Principal>();
const scopes = new WeakMap<object, ClusterScope>();

export function attachPrincipal(request: object, principal: Principal): void {
  principals.set(request, principal);
}

/** The authenticated caller of a request; undefined on public routes and before the guard ran. */
export function principalOf(request: object): Principal | undefined {
  return principals.get(request);
}

export function attachAuthorizedScope(request: object, scope: ClusterScope): void {
  scopes.set(request, scope);
}

export function authorizedScopeOf(request: object): ClusterScope | undefined {
  return scopes.get(request);
}
