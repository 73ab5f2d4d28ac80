import { describe, expect, it } from 'vitest';
import type { ApiToken } from './api-token';
import { ApiTokenCache } from './api-token-cache';

const token = (id: string): ApiToken => ({
  id,
  name: `token-${id}`,
  role: 'soc',
  clusters: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  createdBy: 'test',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  revokedBy: null,
});

describe('ApiTokenCache', () => {
  it('answers a kept token until its time to live has passed', () => {
    const cache = new ApiTokenCache({ ttlMs: 1_000, maxEntries: 10 });
    cache.keep('h1', token('a'), cache.currentGeneration(), 0);
    expect(cache.find('h1', 999)?.id).toBe('a');
    expect(cache.find('h1', 1_000)).toBeUndefined();
    expect(cache.find('h2', 0)).toBeUndefined();
  });

  it('forgets a token when it is evicted, under every hash it was kept by', () => {
    const cache = new ApiTokenCache({ ttlMs: 60_000, maxEntries: 10 });
    cache.keep('h1', token('a'), cache.currentGeneration(), 0);
    cache.keep('h2', token('b'), cache.currentGeneration(), 0);
    cache.evict('a');
    expect(cache.find('h1', 1)).toBeUndefined();
    expect(cache.find('h2', 1)?.id).toBe('b');
  });

  it('does not keep a lookup that started before an eviction', () => {
    const cache = new ApiTokenCache({ ttlMs: 60_000, maxEntries: 10 });
    const before = cache.currentGeneration();
    cache.evict('a'); // the revocation's notification arrives while the lookup is in flight
    cache.keep('h1', token('a'), before, 0);
    expect(cache.find('h1', 1)).toBeUndefined();
    cache.keep('h1', token('a'), cache.currentGeneration(), 0);
    expect(cache.find('h1', 1)?.id).toBe('a');
  });

  it('drops the oldest entry beyond its size, and everything on clear', () => {
    const cache = new ApiTokenCache({ ttlMs: 60_000, maxEntries: 2 });
    for (const id of ['a', 'b', 'c'])
      cache.keep(`h-${id}`, token(id), cache.currentGeneration(), 0);
    expect(cache.find('h-a', 1)).toBeUndefined();
    expect(cache.find('h-c', 1)?.id).toBe('c');
    cache.clear();
    expect(cache.find('h-c', 1)).toBeUndefined();
  });
});
