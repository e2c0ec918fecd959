// A fixed-window rate limiter kept in process memory (one per purpose: login, public forms …).
// Behind several app processes each keeps its own window, which only makes limits looser by
// the number of processes; account lockout itself is stored in the database.

export interface RateLimiter {
  /** Counts one hit for key; false when the key is over its limit in the current window. */
  hit(key: string): boolean;
  reset(): void;
}

export function createRateLimiter(options: { max: number; windowMs: number }): RateLimiter {
  let windowStart = Date.now();
  let counts = new Map<string, number>();
  return {
    hit(key: string): boolean {
      const now = Date.now();
      if (now - windowStart >= options.windowMs) {
        windowStart = now;
        counts = new Map();
      }
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return n <= options.max;
    },
    reset() {
      counts = new Map();
    },
  };
}
