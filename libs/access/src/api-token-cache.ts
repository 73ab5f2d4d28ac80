import type { ApiToken } from './api-token';

interface Kept {
  token: ApiToken;
  keptAt: number;
}

/**
 * API tokens recently found by their hash, so a busy client costs no lookup per request.
 * Revocations arrive as notifications and evict at once; `ttlMs` bounds how long a missed one
 * could go unseen. A lookup that raced an eviction is not kept: the generation moved on.
 */
export class ApiTokenCache {
  private readonly byHash = new Map<string, Kept>();
  private generation = 0;

  constructor(private readonly options: { ttlMs: number; maxEntries: number }) {}

  /** Taken before a lookup and handed back to `keep`. */
  currentGeneration(): number {
    return this.generation;
  }

  find(hash: string, now: number): ApiToken | undefined {
    const kept = this.byHash.get(hash);
    if (!kept) return undefined;
    if (now - kept.keptAt < this.options.ttlMs) return kept.token;
    this.byHash.delete(hash);
    return undefined;
  }

  keep(hash: string, token: ApiToken, generation: number, now: number): void {
    if (generation !== this.generation) return;
    this.byHash.delete(hash);
    this.byHash.set(hash, { token, keptAt: now });
    if (this.byHash.size > this.options.maxEntries)
      this.byHash.delete(this.byHash.keys().next().value!);
  }

  /** A token changed (revoked): forget it, and any lookup that started before. */
  evict(tokenId: string): void {
    this.generation += 1;
    for (const [hash, kept] of this.byHash) if (kept.token.id === tokenId) this.byHash.delete(hash);
  }

  clear(): void {
    this.generation += 1;
    this.byHash.clear();
  }
}
