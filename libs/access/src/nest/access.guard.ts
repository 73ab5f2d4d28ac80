import {
  BadRequestException,
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_ROUTE, LOGGER } from '@policy-ledger/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { checkPermission } from '../check-permission';
import { resolveClusterScope } from '../resolve-cluster-scope';
import { AccessLogWriter } from './access-log-writer';
import { ACCESS_OPTIONS, type AccessModuleOptions } from './access-options';
import { type Authentication, Authenticator } from './authenticator';
import { PrincipalThrottlerGuard } from './principal-throttler.guard';
import { attachAuthorizedScope, attachPrincipal } from './request-principal';
import { type PermissionRequirement, REQUIRED_PERMISSION } from './require-permission.decorator';

/**
 * The one global guard: authenticate, rate limit, then authorise. Every route needs a bearer
 * token unless it is @Public(); a route without @RequirePermission is refused to everyone, so a
 * forgotten decorator closes a route instead of opening it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly throttler: PrincipalThrottlerGuard,
    private readonly accessLog: AccessLogWriter,
    @Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // This service speaks HTTP only: any other transport added later is closed until thought about.
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_ROUTE, targets))
      return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();

    const authentication = await this.authenticator.authenticate(request.headers.authorization);
    if (authentication.ok) {
      attachPrincipal(request, authentication.principal);
      this.accessLog.track(request, reply, authentication.principal);
    }
    // After authentication, so the budget is the principal's; before refusing, so guessing tokens costs budget too.
    await this.throttler.canActivate(context);
    if (!authentication.ok) return this.refuse(request, reply, authentication);

    const requirement = this.reflector.getAllAndOverride<PermissionRequirement | undefined>(
      REQUIRED_PERMISSION,
      targets,
    );
    if (!requirement) {
      this.logger.warn(
        { method: request.method, route: request.routeOptions.url },
        'route declares no permission: refused',
      );
      throw new ForbiddenException(
        `${request.method} ${request.routeOptions.url ?? pathOf(request)} declares no permission, so it is refused to everyone`,
      );
    }
    const resolved = resolveClusterScope(requirement, request, this.options.defaultCluster);
    if (!resolved.ok) throw new BadRequestException(resolved.reason);
    const decision = checkPermission(
      authentication.principal,
      requirement.action,
      requirement.subject,
      resolved.scope,
    );
    if (!decision.allowed) throw new ForbiddenException(decision.reason);
    attachAuthorizedScope(request, resolved.scope);
    return true;
  }

  private refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    failure: Authentication & { ok: false },
  ): never {
    this.logger.info(
      {
        status: failure.status,
        reason: failure.reason,
        method: request.method,
        path: pathOf(request),
        ip: request.ip,
      },
      'request refused: not authenticated',
    );
    if (failure.status === 503) throw new ServiceUnavailableException(failure.reason);
    if (failure.status === 403) throw new ForbiddenException(failure.reason);
    reply.header('WWW-Authenticate', challengeOf(failure));
    throw new UnauthorizedException(failure.reason);
  }
}

/** RFC 6750 §3: no error code when no credential was sent, else the code and a description. */
function challengeOf(failure: { reason: string; error?: string }): string {
  const base = 'Bearer realm="policy-ledger"';
  if (!failure.error) return base;
  return `${base}, error="${failure.error}", error_description="${failure.reason.replaceAll(/["\\]/g, "'")}"`;
}

// The query string stays out of log lines: it may carry what a careless client thought was a parameter.
function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}
