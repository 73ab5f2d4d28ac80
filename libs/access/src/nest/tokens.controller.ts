import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  StandardSchemaValidationPipe,
} from '@nestjs/common';
import { PG_POOL } from '@policy-ledger/ledger';
import type pg from 'pg';
import { z } from 'zod';
import type { ApiToken } from '../api-token';
import { type ApiTokenRequest, apiTokenRequestSchema, mayGrantClusters } from '../issue-api-token';
import { listApiTokens } from '../postgres/api-tokens.repository';
import { createApiToken } from '../postgres/create-api-token';
import { revokeApiTokenByReference } from '../postgres/revoke-api-token-by-reference';
import type { Principal } from '../principal';
import { TokenNotFoundError } from '../token-not-found-error';
import { CurrentPrincipal } from './current-principal.decorator';
import { RequirePermission } from './require-permission.decorator';

export interface ApiTokenView {
  id: string;
  name: string;
  role: ApiToken['role'];
  /** null: every cluster. */
  clusters: string[] | null;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

function toApiTokenView(token: ApiToken): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    clusters: token.clusters,
    createdAt: token.createdAt.toISOString(),
    createdBy: token.createdBy,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    revokedBy: token.revokedBy,
  };
}

// The route validates for itself as well as through any global pipe: issuing credentials must not depend on wiring elsewhere.
const validated = new StandardSchemaValidationPipe();

/** API tokens over HTTP, for admins: the cli's `tokens` commands, remotely. */
@Controller('v1/tokens')
export class TokensController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @RequirePermission('manage', 'Token', { cluster: 'none' })
  async create(
    @Body({ schema: apiTokenRequestSchema, pipes: [validated] }) body: ApiTokenRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApiTokenView & { token: string }> {
    if (!mayGrantClusters(principal.clusters, body.clusters))
      throw new ForbiddenException(
        `a principal limited to clusters ${principal.clusters?.join(', ')} may only create tokens limited to some of them`,
      );
    const issued = await createApiToken(this.pool, body, {
      now: new Date(),
      createdBy: principal.id,
    });
    return { ...toApiTokenView(issued.token), token: issued.secret };
  }

  @Get()
  @RequirePermission('manage', 'Token', { cluster: 'none' })
  async list(): Promise<{ items: ApiTokenView[] }> {
    return { items: (await listApiTokens(this.pool)).map(toApiTokenView) };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('manage', 'Token', { cluster: 'none' })
  async revoke(
    @Param('id', { schema: z.uuid(), pipes: [validated] }) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    try {
      await revokeApiTokenByReference(this.pool, id, { now: new Date(), revokedBy: principal.id });
    } catch (error) {
      if (error instanceof TokenNotFoundError) throw new NotFoundException(error.message);
      throw error;
    }
  }
}
