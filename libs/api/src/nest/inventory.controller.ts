import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthorizedCluster, RequirePermission } from '@policy-ledger/access';
import { dateToMicroTime, kindsVersion, PG_POOL } from '@policy-ledger/ledger';
import {
  buildInventorySection,
  INVENTORY_KINDS,
  type InventorySection,
  inventoryAt,
} from '@policy-ledger/reports';
import type pg from 'pg';
import type { z } from 'zod';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import { inventoryQuerySchema } from '../query-schemas';

type InventoryQuery = z.output<typeof inventoryQuerySchema>;

const INVENTORY_RESOURCES = [...new Set(INVENTORY_KINDS.map((k) => k.resource))];
const KEPT_SECTIONS = 16;

interface Page<T> {
  at: string;
  items: T[];
  nextCursor: string | null;
}

/**
 * Tiers and policies in Calico's evaluation order at a moment. The first page fixes the moment
 * (now, when none is asked for) and the cursor carries it, so later pages read the same state.
 */
@ApiTags('inventory')
@Controller('v1')
export class InventoryController {
  private readonly sections = new Map<string, { at: string; section: InventorySection }>();

  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Get('tiers')
  @RequirePermission('read', 'Inventory')
  @ApiOperation({
    summary: 'Tiers in evaluation order, with their default action and policy counts, as of `at`',
  })
  async tiers(
    @Query({ schema: inventoryQuerySchema }) query: InventoryQuery,
    @AuthorizedCluster() cluster: string,
  ): Promise<Page<InventorySection['tiers'][number]>> {
    return this.page(query, cluster, 'tiers', (section) => section.tiers);
  }

  @Get('policies')
  @RequirePermission('read', 'Inventory')
  @ApiOperation({
    summary:
      'Policies in Calico evaluation order (tier order, policy order, name), optionally of one tier or namespace, as of `at`',
  })
  async policies(
    @Query({ schema: inventoryQuerySchema }) query: InventoryQuery,
    @AuthorizedCluster() cluster: string,
  ): Promise<Page<InventorySection['policies'][number]>> {
    return this.page(query, cluster, 'policies', (section) =>
      section.policies.filter(
        (p) =>
          (query.tier === undefined || p.tier === query.tier) &&
          (query.namespace === undefined || p.namespace === query.namespace),
      ),
    );
  }

  /**
   * The inventory at `at` (now when undefined), kept while no change to an inventory kind is
   * recorded in the cluster: paging through a large inventory, or a dashboard polling the tiers,
   * then costs one index probe per kind instead of rebuilding the state. A late event changes the
   * version too, so a kept past state never hides it.
   */
  private async sectionAt(
    cluster: string,
    at: string | undefined,
  ): Promise<{ at: string; section: InventorySection }> {
    const version = await kindsVersion(this.pool, cluster, INVENTORY_RESOURCES);
    const key = `${cluster}\n${at ?? 'now'}\n${version}`;
    const kept = this.sections.get(key);
    if (kept) return kept;
    const moment = at ?? dateToMicroTime(new Date());
    const entry = {
      at: moment,
      section: buildInventorySection(
        await inventoryAt(this.pool, { cluster, at: moment, kinds: INVENTORY_KINDS }),
      ),
    };
    // Kept under its moment too: the cursor of a first page of "now" carries that moment.
    for (const k of new Set([key, `${cluster}\n${moment}\n${version}`]))
      this.sections.set(k, entry);
    while (this.sections.size > KEPT_SECTIONS)
      this.sections.delete(this.sections.keys().next().value!);
    return entry;
  }

  private async page<T>(
    query: InventoryQuery,
    cluster: string,
    list: string,
    rows: (section: InventorySection) => T[],
  ): Promise<Page<T>> {
    const filters = { list, cluster, tier: query.tier, namespace: query.namespace, at: query.at };
    const [offset, fixedAt] = query.cursor ? decodeCursor(query.cursor, filters) : [0, query.at];
    const { at, section } = await this.sectionAt(
      cluster,
      fixedAt === undefined ? undefined : String(fixedAt),
    );
    const all = rows(section);
    const start = Number(offset);
    const items = all.slice(start, start + query.limit);
    const next = start + query.limit;
    return { at, items, nextCursor: next < all.length ? encodeCursor([next, at], filters) : null };
  }
}
