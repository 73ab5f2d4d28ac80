import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthorizedCluster, RequirePermission } from '@policy-ledger/access';
import type { TrackedKind } from '@policy-ledger/audit';
import {
  dateToMicroTime,
  kubectlResource,
  type ObjectVersionView,
  objectHistory,
  objectKeyText,
  objectVersionAt,
  PG_POOL,
} from '@policy-ledger/ledger';
import type pg from 'pg';
import type { z } from 'zod';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import { invalidRequest } from '../problem-details';
import { historyQuerySchema, objectPathSchema, objectQuerySchema } from '../query-schemas';

type ObjectPath = z.output<typeof objectPathSchema>;

/** The object's key, once its namespace (or its absence) matches the kind: a 400 otherwise. */
function objectKeyOf(cluster: string, path: ObjectPath, namespace: string | undefined): string {
  checkNamespace(path.resource, namespace);
  return objectKeyText({
    cluster,
    apiGroup: path.resource.apiGroup,
    resource: path.resource.resource,
    namespace,
    name: path.name,
  });
}

function checkNamespace(kind: TrackedKind, namespace: string | undefined): void {
  const resource = kubectlResource(kind.apiGroup, kind.resource);
  if (kind.namespaced && !namespace) {
    throw new BadRequestException(
      invalidRequest([{ field: 'namespace', problem: `required: ${resource} are namespaced` }]),
    );
  }
  if (!kind.namespaced && namespace) {
    throw new BadRequestException(
      invalidRequest([
        { field: 'namespace', problem: `must be absent: ${resource} are cluster-scoped` },
      ]),
    );
  }
}

function historyEntry(v: ObjectVersionView) {
  return {
    version: v.version,
    occurredAt: v.occurredAt,
    actor: {
      username: v.change.actor,
      ...(v.change.impersonatedBy ? { impersonatedBy: v.change.impersonatedBy } : {}),
    },
    action: v.action,
    object: v.object,
    stateKnown: v.stateKnown,
    ...(v.unknownSince ? { unknownSince: v.unknownSince } : {}),
    deleted: v.deleted,
    patch: v.patch,
    summary: v.summary,
    changeId: v.change.id,
    auditId: v.change.auditId,
    positions: v.change.positions,
    ...(v.cascadeReason ? { cascade: v.cascadeReason } : {}),
    ...(v.note ? { note: v.note } : {}),
  };
}

@ApiTags('history')
@Controller('v1/objects')
export class ObjectsController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Get(':resource/:name')
  @RequirePermission('read', 'Object')
  @ApiOperation({ summary: 'An object as of a moment (default now); 404 if it did not exist then' })
  async at(
    @Param({ schema: objectPathSchema }) path: ObjectPath,
    @Query({ schema: objectQuerySchema }) query: z.output<typeof objectQuerySchema>,
    @AuthorizedCluster() cluster: string,
  ) {
    const key = objectKeyOf(cluster, path, query.namespace);
    const at = query.at ?? dateToMicroTime(new Date());
    const version = await objectVersionAt(this.pool, key, at);
    const label = `${kubectlResource(path.resource.apiGroup, path.resource.resource)} ${query.namespace ? `${query.namespace}/` : ''}${path.name}`;
    if (!version)
      throw new NotFoundException(`${label} did not exist in cluster ${cluster} at ${at}`);
    return {
      object: version.object,
      version: version.version,
      since: version.occurredAt,
      deleted: version.deleted,
      stateKnown: version.stateKnown,
      ...(version.unknownSince ? { unknownSince: version.unknownSince } : {}),
      change: {
        id: version.change.id,
        auditId: version.change.auditId,
        actor: version.change.actor,
        action: version.action,
      },
    };
  }

  @Get(':resource/:name/history')
  @RequirePermission('read', 'Object')
  @ApiOperation({
    summary:
      "An object's versions, oldest first, each with its actor, JSON Patch and semantic diff",
  })
  async history(
    @Param({ schema: objectPathSchema }) path: ObjectPath,
    @Query({ schema: historyQuerySchema }) query: z.output<typeof historyQuerySchema>,
    @AuthorizedCluster() cluster: string,
  ) {
    const key = objectKeyOf(cluster, path, query.namespace);
    const after = query.cursor ? Number(decodeCursor(query.cursor, { key })[0]) : 0;
    const versions = await objectHistory(this.pool, key, after, query.limit + 1);
    if (versions.length === 0 && after === 0)
      throw new NotFoundException(
        `no history for ${key.split('/').slice(2).join('/')} in cluster ${cluster}`,
      );
    const page = versions.slice(0, query.limit);
    return {
      versions: page.map(historyEntry),
      nextCursor:
        versions.length > query.limit ? encodeCursor([page.at(-1)!.version], { key }) : null,
    };
  }
}
