import { Inject, Injectable } from '@nestjs/common';
import { type ChainVerification, PG_POOL, verifyLedger } from '@policy-ledger/ledger';
import type pg from 'pg';

const FULL_RECHECK_MS = 10 * 60_000;

export interface IntegrityReport extends ChainVerification {
  checkedAt: string;
  /** When the whole chain, not just its new tail, was last recomputed. */
  fullCheckAt: string;
}

/**
 * The hash-chain check, cached: each request verifies only the events appended since the last
 * one, and the whole chain is recomputed every ten minutes (or on demand), because a row altered
 * behind the triggers sits in the already-verified part. Concurrent requests share one check.
 */
@Injectable()
export class IntegrityService {
  private cached: IntegrityReport | undefined;
  private running: Promise<IntegrityReport> | undefined;

  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  current(options: { full?: boolean } = {}): Promise<IntegrityReport> {
    this.running ??= this.check(options.full ?? false).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async check(forceFull: boolean): Promise<IntegrityReport> {
    const now = new Date();
    const full =
      forceFull ||
      !this.cached ||
      now.getTime() - Date.parse(this.cached.fullCheckAt) > FULL_RECHECK_MS ||
      !this.cached.verified;
    const result = await verifyLedger(this.pool, full ? {} : { from: this.cached });
    this.cached = {
      ...result,
      checkedAt: now.toISOString(),
      fullCheckAt: full ? now.toISOString() : this.cached!.fullCheckAt,
    };
    return this.cached;
  }
}
