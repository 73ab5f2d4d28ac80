import {
  createParamDecorator,
  type ExecutionContext,
  InternalServerErrorException,
} from '@nestjs/common';
import type { Principal } from '../principal';
import { principalOf } from './request-principal';

/** The authenticated caller. Only on routes with @RequirePermission: public routes have none. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const principal = principalOf(context.switchToHttp().getRequest<object>());
    if (!principal)
      throw new InternalServerErrorException(
        '@CurrentPrincipal() used on a route without authentication',
      );
    return principal;
  },
);
