/**
 * A token bucket per client: `perMinute` submissions a minute, refilled continuously, with a burst
 * of the same size. Kept in this process's memory: each app instance counts its own clients.
 */
export interface RateLimiter {
  /** Takes one token for `client`; when none is left, says how many seconds until one is. */
  take(client: string): { ok: true } | { ok: false; retryAfterSeconds: number };
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Past this many clients, the buckets that have refilled completely are dropped (they hold nothing). */
const PRUNE_ABOVE = 10_000;

export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;

  const refill = (bucket: Bucket, at: number) => {
    bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.at) * perMs);
    bucket.at = at;
  };

  const prune = (at: number) => {
    for (const [client, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= perMinute) buckets.delete(client);
    }
  };

  return {
    take(client) {
      const at = now();
      let bucket = buckets.get(client);
      if (!bucket) {
        if (buckets.size >= PRUNE_ABOVE) prune(at);
        bucket = { tokens: perMinute, at };
        buckets.set(client, bucket);
      }
      refill(bucket, at);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
  };
}
