import 'server-only';
import { getEnv } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { clientAddress, isLoopback } from './client-address';
import { createRateLimiter, type RateLimiter } from './rate-limit';

const cache = globalThis as typeof globalThis & { __omniSubmissionLimiter?: RateLimiter };

/**
 * Every submission spends money: one client may send RATE_LIMIT_PER_MINUTE of them a minute.
 * Checked before the body is read, so a flood costs neither the upstream nor the database anything.
 */
export function assertSubmissionAllowed(request: Request): void {
  const { perMinute, loopback } = getEnv().rateLimit;
  if (perMinute === 0) return;
  const client = clientAddress(request);
  if (!loopback && isLoopback(client)) return;
  cache.__omniSubmissionLimiter ??= createRateLimiter(perMinute);
  const verdict = cache.__omniSubmissionLimiter.take(client);
  if (verdict.ok) return;
  throw new AppError(
    'rate_limited',
    `Too many submissions from your address: at most ${perMinute} a minute. Nothing was sent.`,
    { retryAfterSeconds: verdict.retryAfterSeconds },
  );
}
