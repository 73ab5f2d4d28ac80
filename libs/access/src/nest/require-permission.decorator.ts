import { SetMetadata } from '@nestjs/common';
import type { Action, SubjectType } from '../define-ability-for';
import type { ClusterRequirement } from '../resolve-cluster-scope';

export const REQUIRED_PERMISSION = 'policy-ledger:required-permission';

export interface PermissionRequirement extends ClusterRequirement {
  action: Action;
  subject: SubjectType;
}

/**
 * The permission a route needs. The cluster comes from ?cluster=, else the body's cluster, else
 * the default cluster (or every cluster, with whenOmitted: 'all-clusters'); cluster: 'none' for
 * subjects that belong to no cluster (tokens, the access log). A route with neither this nor
 * @Public() is refused to everyone.
 */
export const RequirePermission = (
  action: Action,
  subject: SubjectType,
  options: Partial<ClusterRequirement> = {},
): MethodDecorator & ClassDecorator =>
  SetMetadata<string, PermissionRequirement>(REQUIRED_PERMISSION, {
    action,
    subject,
    cluster: options.cluster ?? 'request',
    whenOmitted: options.whenOmitted ?? 'default-cluster',
  });
