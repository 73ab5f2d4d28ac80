import { Controller, Get, Headers, Inject, type MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthorizedCluster, RequirePermission } from '@policy-ledger/access';
import {
  type ChangeView,
  FEED_START_ID,
  type FeedMark,
  PG_POOL,
  queryChanges,
} from '@policy-ledger/ledger';
import type pg from 'pg';
import { interval, map, merge, type Observable } from 'rxjs';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import { matchesChangeQuery } from '../matches-change-query';
import { type ChangeQuery, changeQuerySchema } from '../query-schemas';
import { ChangeFeedService } from './change-feed.service';

export interface ChangePageView {
  items: ChangeView[];
  nextCursor: string | null;
}

/** What a cursor must match: every filter, not the page size or the cursor itself. */
function filtersOf(query: ChangeQuery, cluster: string): Record<string, unknown> {
  const { limit: _limit, cursor: _cursor, resource, ...rest } = query;
  return {
    ...rest,
    cluster,
    resource: resource ? `${resource.resource}.${resource.apiGroup}` : undefined,
  };
}

/** "position.id" as sent in each event's id: where a reconnecting client resumes. */
function parseLastEventId(header: string | undefined): FeedMark | undefined {
  const match = header ? /^(\d+)\.([0-9a-f-]{36})$/.exec(header.trim()) : null;
  if (match) return { position: Number(match[1]), id: match[2]! };
  const position = header && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
  return position !== undefined ? { position, id: FEED_START_ID } : undefined;
}

@ApiTags('history')
@Controller('v1/changes')
export class ChangesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly feed: ChangeFeedService,
  ) {}

  @Get()
  @RequirePermission('read', 'Change')
  @ApiOperation({
    summary:
      'Changes to tracked objects: who changed what, when, from where, with what outcome; newest first',
  })
  async list(
    @Query({ schema: changeQuerySchema }) query: ChangeQuery,
    @AuthorizedCluster() cluster: string,
  ): Promise<ChangePageView> {
    const filters = filtersOf(query, cluster);
    const after = query.cursor ? decodeCursor(query.cursor, filters) : undefined;
    const items = await queryChanges(
      this.pool,
      {
        cluster,
        apiGroup: query.resource?.apiGroup,
        resource: query.resource?.resource,
        namespace: query.namespace,
        name: query.name,
        tier: query.tier,
        actor: query.actor,
        verb: query.verb,
        outcome: query.outcome,
        from: query.from,
        to: query.to,
      },
      {
        order: query.order,
        limit: query.limit + 1,
        ...(after ? { after: { occurredAt: String(after[0]), id: String(after[1]) } } : {}),
      },
    );
    const page = items.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page,
      nextCursor:
        items.length > query.limit && last
          ? encodeCursor([last.occurredAt, last.id], filters)
          : null,
    };
  }

  @Sse('stream')
  @RequirePermission('stream', 'Change')
  @ApiOperation({
    summary: 'Server-Sent Events of new changes, with the same filters as the list (live tail)',
  })
  stream(
    @Query({ schema: changeQuerySchema }) query: ChangeQuery,
    @AuthorizedCluster() cluster: string,
    @Headers('last-event-id') lastEventId?: string,
  ): Observable<MessageEvent> {
    const changes = this.feed
      .subscribe(
        cluster,
        (change) => matchesChangeQuery(change, query),
        parseLastEventId(lastEventId),
      )
      .pipe(
        map(
          (event): MessageEvent => ({
            type: 'change',
            id: `${event.mark.position}.${event.mark.id}`,
            data: event.change,
          }),
        ),
      );
    // Proxies drop idle connections: a heartbeat every 15 s keeps the tail open.
    const heartbeats = interval(15_000).pipe(
      map((): MessageEvent => ({ type: 'heartbeat', data: {} })),
    );
    return merge(changes, heartbeats);
  }
}
