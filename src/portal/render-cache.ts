// The render cache: rendered public pages kept in memory, keyed by URL and 长者模式, so that a page
// that everyone reloads (a major emergency is exactly when they do) is built once, not per request.
//
// - Bounded: a least-recently-used map limited by entry count and by total bytes.
// - Invalidation: one global generation counter. `invalidatePublicCache()` bumps it; the catalogue's
//   write side calls it after every publish, revision and withdrawal. Entries of an older
//   generation are never served, and a render that started before the bump is not stored after it.
// - Scope: the cache lives in this process. Several app processes (behind a load balancer) each keep
//   their own cache, and a bump only reaches the process that made the change. What bounds the
//   staleness elsewhere: each entry lives at most PUBLIC_MAX_AGE_SECONDS in any process, and pages
//   go out with `Cache-Control: public, max-age=PUBLIC_MAX_AGE_SECONDS` and an ETag, so browsers and
//   CDNs revalidate (If-None-Match → 304 or the new page) after that. A change therefore reaches
//   every reader within about twice that time; in the process that made it, at once.
// - Several apps in one process (tests, the bench) get separate caches (one per database handle)
//   that share the generation counter.
import { createHash } from 'node:crypto';

/** Seconds a page may be reused without revalidation (Cache-Control max-age and the cache TTL). */
export const PUBLIC_MAX_AGE_SECONDS = 60;

export interface CachedPage {
  status: number;
  body: Buffer;
  contentType: string;
  /** Strong ETag over the body, quoted. */
  etag: string;
  /** HTTP date (RFC 9110 IMF-fixdate). */
  lastModified: string;
  /** When the entry was stored (ms since epoch), for the per-process TTL. */
  storedAt: number;
  generation: number;
}

export interface RenderCacheLimits {
  maxEntries: number;
  maxBytes: number;
  /** Entries older than this are rendered again (bounds staleness across processes). */
  ttlMs: number;
}

export const DEFAULT_RENDER_CACHE_LIMITS: RenderCacheLimits = {
  maxEntries: 5000,
  maxBytes: 128 * 1024 * 1024,
  ttlMs: PUBLIC_MAX_AGE_SECONDS * 1000,
};

let generation = 0;

/** Drops every cached public page in this process (call after publish, revise, withdraw). */
export function invalidatePublicCache(): void {
  generation++;
}

/** The current generation; a render records it at its start and stores its page under it. */
export function publicCacheGeneration(): number {
  return generation;
}

export function cacheKey(url: string, elder: boolean): string {
  return `${elder ? 'E' : 'N'} ${url}`;
}

/** A strong ETag: SHA-1 over the parts in order (a string as UTF-8), or over one buffer. */
export function strongEtag(body: Buffer | readonly (Buffer | string)[]): string {
  const hash = createHash('sha1');
  for (const part of Buffer.isBuffer(body) ? [body] : body) hash.update(part);
  return `"${hash.digest('base64url')}"`;
}

export class RenderCache {
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;
  private seenGeneration = generation;
  hits = 0;
  misses = 0;

  constructor(readonly limits: RenderCacheLimits = DEFAULT_RENDER_CACHE_LIMITS) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  private sync(): void {
    if (this.seenGeneration !== generation) {
      this.entries.clear();
      this.bytes = 0;
      this.seenGeneration = generation;
    }
  }

  get(key: string, now = Date.now()): CachedPage | undefined {
    const hit = this.getHit(key, now);
    if (hit) return hit;
    const stale = this.entries.get(key);
    if (stale) this.remove(key, stale);
    this.misses++;
    return undefined;
  }

  /**
   * A live entry (counted as a hit), or undefined with nothing counted or removed: for a caller
   * that hands a miss on to one that calls get() (the fast path in front of the router).
   */
  getHit(key: string, now = Date.now()): CachedPage | undefined {
    this.sync();
    const entry = this.entries.get(key);
    if (!entry || now - entry.storedAt > this.limits.ttlMs) return undefined;
    // Move to the most-recently-used end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry;
  }

  /** Stores a page rendered under `page.generation`; ignored when an invalidation happened since. */
  set(key: string, page: CachedPage): void {
    this.sync();
    if (page.generation !== generation || this.limits.maxEntries <= 0) return;
    if (page.body.length > this.limits.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    this.entries.set(key, page);
    this.bytes += page.body.length;
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      const oldest = this.entries.entries().next();
      if (oldest.done) break;
      this.remove(oldest.value[0], oldest.value[1]);
    }
  }

  private remove(key: string, entry: CachedPage): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}

const caches = new WeakMap<object, RenderCache>();

/** The cache of one app (keyed by its database handle, so parallel test apps do not share pages). */
export function renderCacheFor(owner: object, limits?: RenderCacheLimits): RenderCache {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new RenderCache(limits);
    caches.set(owner, cache);
  }
  return cache;
}

interface MemoEntry<T> {
  value: Promise<T>;
  storedAt: number;
  generation: number;
}

/**
 * Data that many pages share and that changes only when the catalogue does (facet counts, the
 * topic list): kept per process under the same generation counter and time to live as pages,
 * so a publication, revision or withdrawal drops it too. Concurrent callers share one load.
 */
export class DataMemo<T> {
  private readonly entries = new Map<string, MemoEntry<T>>();

  constructor(
    readonly maxEntries = 1000,
    readonly ttlMs = PUBLIC_MAX_AGE_SECONDS * 1000,
  ) {}

  get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation && now - hit.storedAt <= this.ttlMs) return hit.value;
    const entry: MemoEntry<T> = { value: load(), storedAt: now, generation };
    this.entries.delete(key);
    this.entries.set(key, entry);
    // A failed load is not kept.
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    return entry.value;
  }
}
