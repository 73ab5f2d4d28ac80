import type { Role } from './role';

/** Who is calling, once authenticated: an API token, or a person signed in through OIDC. */
export interface Principal {
  /** Stable and unique across both kinds: `token:<uuid>` or `oidc:<sub>`. */
  id: string;
  name: string;
  role: Role;
  /** The clusters the principal may see; null means every cluster. */
  clusters: string[] | null;
  via: 'token' | 'oidc';
  tokenId?: string;
}
