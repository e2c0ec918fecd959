// A per-process cache of posting lists: for a token found in many documents (人民, 政府, 共和 …),
// the ascending sort keys of the documents that have it. Reading such a list from the index is most
// of a search's cost (≈ 0.12 µs a document on SQLite: 12 ms for a token in 98,000 documents), and
// a few common tokens come back in many queries (about 10 of the bench's 200 queries are parts of
// 中华人民共和国). Rare tokens are never kept: reading them costs little and they narrow a query
// best inside the index. The cache follows the index through search_meta.version: any write to
// the index empties it. Bounded by bytes, least recently used first out.
import type { TokenSpec } from './search.document.js';

/** Lists shorter than this are read from the index every time. */
export const DEFAULT_MIN_CACHED_KEYS = 5_000;
/** Default size: SEARCH_CACHE_MB's default (config.ts), and where no config is given (CLI, bench, tests). */
export const DEFAULT_POSTING_CACHE_MB = 64;
/** Tokens remembered as common (a hint that outlives versions; a few MB at most, not counted in the size), at most. */
const MAX_COMMON_TOKENS = 100_000;

export interface PostingCacheLimits {
  maxBytes: number;
  minKeys: number;
}

export function tokenKey(t: TokenSpec): string {
  return t.prefix ? `${t.token}*` : t.token;
}

export class PostingCache {
  private version = -1;
  private readonly lists = new Map<string, Int32Array>(); // insertion order = least recently used first
  private bytes = 0;
  /** Tokens seen in at least minKeys documents: on SQLite read alone next time, so that they can be kept. */
  private readonly common = new Set<string>();

  constructor(private limitsNow: PostingCacheLimits) {}

  get limits(): PostingCacheLimits {
    return this.limitsNow;
  }

  /** New limits; lists beyond a smaller size go at once. */
  set limits(limits: PostingCacheLimits) {
    this.limitsNow = limits;
    this.trim();
  }

  private trim(): void {
    for (const [t, k] of this.lists) {
      if (this.bytes <= this.limitsNow.maxBytes) break;
      this.lists.delete(t);
      this.bytes -= k.byteLength;
    }
  }

  get size(): { lists: number; bytes: number } {
    return { lists: this.lists.size, bytes: this.bytes };
  }

  get enabled(): boolean {
    return this.limits.maxBytes > 0;
  }

  /** Brings the cache to the index's `version` (read before the lists it will be given): a newer one empties it. */
  at(version: number): void {
    if (version <= this.version) return;
    this.version = version;
    this.lists.clear();
    this.bytes = 0;
  }

  get(token: string): Int32Array | undefined {
    const keys = this.lists.get(token);
    if (keys) {
      this.lists.delete(token);
      this.lists.set(token, keys);
    }
    return keys;
  }

  isCommon(token: string): boolean {
    return this.common.has(token);
  }

  /**
   * Keeps `keys`, the list of `token` read at or after `version` (an index version read before
   * the list was). Dropped when the cache has moved past that version meanwhile (the list may be
   * older than what the cache now stands for), when it is short or when it would not fit.
   */
  put(version: number, token: string, keys: Int32Array): void {
    if (keys.length < this.limits.minKeys) return;
    this.markCommon([token]);
    if (version !== this.version || keys.byteLength > this.limits.maxBytes) return;
    const old = this.lists.get(token);
    if (old) {
      this.lists.delete(token);
      this.bytes -= old.byteLength;
    }
    this.lists.set(token, keys);
    this.bytes += keys.byteLength;
    this.trim();
  }

  /** Remembers tokens whose common list (read together) had at least minKeys documents. */
  markCommon(tokens: readonly string[]): void {
    for (const t of tokens) if (this.common.size < MAX_COMMON_TOKENS) this.common.add(t);
  }
}
