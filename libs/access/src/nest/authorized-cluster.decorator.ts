import {
  createParamDecorator,
  type ExecutionContext,
  InternalServerErrorException,
} from '@nestjs/common';
import { authorizedScopeOf } from './request-principal';

/**
 * The cluster the guard authorised this request for (a cluster name, or "*"): handlers that
 * serve exactly it can never serve a cluster other than the one checked.
 */
export const AuthorizedCluster = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    const scope = authorizedScopeOf(context.switchToHttp().getRequest<object>());
    if (scope === undefined || scope === 'none')
      throw new InternalServerErrorException(
        '@AuthorizedCluster() used on a route whose permission names no cluster',
      );
    return scope.cluster;
  },
);
