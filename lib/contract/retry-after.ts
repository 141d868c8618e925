/** Every Retry-After the app sends is within these bounds, whatever the upstream said. */
export const RETRY_AFTER_SECONDS = { min: 1, max: 3600 } as const;

/** Seconds to wait, rounded up and brought within 1..3,600. */
export function clampRetryAfter(seconds: number): number {
  if (!Number.isFinite(seconds)) return RETRY_AFTER_SECONDS.max;
  return Math.min(RETRY_AFTER_SECONDS.max, Math.max(RETRY_AFTER_SECONDS.min, Math.ceil(seconds)));
}
