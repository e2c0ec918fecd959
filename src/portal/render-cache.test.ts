import { describe, expect, it } from 'vitest';
import {
  RenderCache,
  invalidatePublicCache,
  publicCacheGeneration,
  strongEtag,
  type CachedPage,
} from './render-cache.js';

function page(text: string, generation = publicCacheGeneration(), storedAt = Date.now()): CachedPage {
  const body = Buffer.from(text);
  return {
    status: 200,
    body,
    contentType: 'text/html',
    etag: strongEtag(body),
    lastModified: new Date(storedAt).toUTCString(),
    storedAt,
    generation,
  };
}

describe('render cache', () => {
  it('evicts the least recently used page when it holds too many', () => {
    const cache = new RenderCache({ maxEntries: 2, maxBytes: 1_000_000, ttlMs: 60_000 });
    cache.set('a', page('A'));
    cache.set('b', page('B'));
    expect(cache.get('a')?.body.toString()).toBe('A'); // a is now the most recently used
    cache.set('c', page('C'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.body.toString()).toBe('A');
    expect(cache.get('c')?.body.toString()).toBe('C');
    expect(cache.size).toBe(2);
  });

  it('keeps the total size within its byte limit', () => {
    const cache = new RenderCache({ maxEntries: 100, maxBytes: 4000, ttlMs: 60_000 });
    for (let i = 0; i < 10; i++) cache.set(`p${i}`, page('x'.repeat(900)));
    expect(cache.totalBytes).toBeLessThanOrEqual(4000);
    expect(cache.size).toBe(4);
    expect(cache.get('p9')).toBeDefined();
    expect(cache.get('p0')).toBeUndefined();
  });

  it('drops every page when the public cache is invalidated', () => {
    const cache = new RenderCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 });
    cache.set('a', page('A'));
    invalidatePublicCache();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not keep a page rendered before an invalidation that happened during the render', () => {
    const cache = new RenderCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 });
    const startedAt = publicCacheGeneration();
    invalidatePublicCache(); // a publication lands while the page is being rendered
    cache.set('a', page('old', startedAt));
    expect(cache.get('a')).toBeUndefined();
  });

  it('renders a page again once it is older than its time to live', () => {
    const cache = new RenderCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 1000 });
    const t0 = Date.now();
    cache.set('a', page('A', publicCacheGeneration(), t0));
    expect(cache.get('a', t0 + 999)).toBeDefined();
    expect(cache.get('a', t0 + 1001)).toBeUndefined();
  });

  it('is off when it may hold no entries', () => {
    const cache = new RenderCache({ maxEntries: 0, maxBytes: 0, ttlMs: 1000 });
    cache.set('a', page('A'));
    expect(cache.get('a')).toBeUndefined();
  });

  it('gives the same ETag to the same bytes and another to other bytes', () => {
    expect(strongEtag(Buffer.from('页面'))).toBe(strongEtag(Buffer.from('页面')));
    expect(strongEtag(Buffer.from('页面'))).not.toBe(strongEtag(Buffer.from('页面2')));
    expect(strongEtag(Buffer.from('x'))).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });
});
