import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@policy-ledger/config';
import { kindsVersion, PG_POOL } from '@policy-ledger/ledger';
import {
  RBAC_KINDS,
  type RbacEngine,
  type RbacMode,
  RoleAbilityCache,
  rbacEngineAt,
} from '@policy-ledger/rbac';
import type pg from 'pg';
import { API_CONFIG } from './api-config.token';

const AS_OF_CACHE = 32;
const ANSWERS_PER_ENGINE = 2_000;

/**
 * An engine never changes once built (a new RBAC state builds a new one), so its answers can be
 * kept: repeated questions — dashboards polling "who can edit tier X" — cost a lookup.
 */
const answerCaches = new WeakMap<RbacEngine, Map<string, unknown>>();

export function memoised<T>(engine: RbacEngine, question: string, answer: () => T): T {
  let cache = answerCaches.get(engine);
  if (!cache) {
    cache = new Map();
    answerCaches.set(engine, cache);
  }
  if (cache.has(question)) return cache.get(question) as T;
  const value = answer();
  cache.set(question, value);
  if (cache.size > ANSWERS_PER_ENGINE) cache.delete(cache.keys().next().value!);
  return value;
}

/**
 * RBAC engines for a cluster: the current one from the maintained read model (rebuilt only
 * when an RBAC object or tier changed, reusing the abilities of unchanged roles), and one for any
 * past instant from the object versions, a few kept in memory.
 */
@Injectable()
export class RbacStateService {
  private readonly current = new Map<
    string,
    { version: number; engines: Map<RbacMode, RbacEngine> }
  >();
  private readonly asOf = new Map<string, RbacEngine>();
  private readonly abilities = new RoleAbilityCache();

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  defaultMode(): RbacMode {
    return this.config.RBAC_MODE;
  }

  async engine(
    cluster: string,
    options: { at?: string; mode?: RbacMode } = {},
  ): Promise<RbacEngine> {
    const mode = options.mode ?? this.config.RBAC_MODE;
    const version = await kindsVersion(
      this.pool,
      cluster,
      RBAC_KINDS.map((k) => k.resource),
    );
    if (options.at) return this.engineAsOf(cluster, options.at, mode, version);
    let entry = this.current.get(cluster);
    if (!entry || entry.version !== version) {
      entry = { version, engines: new Map() };
      this.current.set(cluster, entry);
    }
    let engine = entry.engines.get(mode);
    if (!engine) {
      engine = await this.build(cluster, mode);
      entry.engines.set(mode, engine);
    }
    return engine;
  }

  /** Kept per version too: an RBAC change recorded late, with an earlier time, changes the past. */
  private async engineAsOf(
    cluster: string,
    at: string,
    mode: RbacMode,
    version: number,
  ): Promise<RbacEngine> {
    const key = `${cluster}\n${at}\n${mode}\n${version}`;
    const cached = this.asOf.get(key);
    if (cached) return cached;
    const engine = await this.build(cluster, mode, at);
    this.asOf.set(key, engine);
    if (this.asOf.size > AS_OF_CACHE) this.asOf.delete(this.asOf.keys().next().value!);
    return engine;
  }

  private build(cluster: string, mode: RbacMode, at?: string): Promise<RbacEngine> {
    return rbacEngineAt(this.pool, cluster, {
      mode,
      abilityCache: this.abilities,
      ...(at ? { at } : {}),
    });
  }
}
