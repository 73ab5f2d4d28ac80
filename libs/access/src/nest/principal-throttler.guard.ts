import type { ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { principalOf } from './request-principal';

/**
 * Rate limits per principal when the caller authenticated, else per client address; one budget
 * across every route, not one per route. Not a global guard of its own: the access guard calls
 * it between authentication and authorisation, so it knows the principal.
 */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = principalOf(request);
    return principal ? principal.id : `ip:${await super.getTracker(request)}`;
  }

  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    throttler: string,
  ): string {
    return `${throttler}:${tracker}`;
  }
}
