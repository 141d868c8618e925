import 'server-only';
import type { Actor } from '@/lib/auth/roles';
import { getEnv } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { clientAddress, isLoopback } from './client-address';
import { createRateLimiter, type RateLimiter } from './rate-limit';

/** Requests that may call the paid upstream, and how a refusal names them. */
export const LIMITED_ACTIONS = {
  submission: 'submissions',
  refresh: 'status checks',
} as const;
export type LimitedAction = keyof typeof LIMITED_ACTIONS;

const cache = globalThis as typeof globalThis & { __omniUpstreamLimiter?: RateLimiter };

/**
 * One client may make RATE_LIMIT_PER_MINUTE submissions and status checks a minute, together: each
 * may call the upstream. Checked before the body is read, so a flood costs neither the upstream nor
 * the database anything. The client is the signed-in user, else its socket address (or, behind
 * TRUSTED_PROXIES, the address the proxy saw); clients on this machine are exempt unless
 * RATE_LIMIT_LOOPBACK=true.
 */
export function assertWithinRateLimit(
  request: Request,
  action: LimitedAction,
  actor: Pick<Actor, 'id'> | null,
): void {
  const { perMinute, loopback } = getEnv().rateLimit;
  if (perMinute === 0) return;
  const client = clientAddress(request);
  if (!loopback && isLoopback(client)) return;
  cache.__omniUpstreamLimiter ??= createRateLimiter(perMinute);
  // A signed-in user (or their token) is counted as one, whatever addresses they come from.
  const verdict = cache.__omniUpstreamLimiter.take(actor ? `user:${actor.id}` : `address:${client}`);
  if (verdict.ok) return;
  const whose = actor ? 'from your account' : 'from your address';
  throw new AppError(
    'rate_limited',
    `Too many ${LIMITED_ACTIONS[action]} ${whose}: at most ${perMinute} a minute. Nothing was sent.`,
    { retryAfterSeconds: verdict.retryAfterSeconds },
  );
}
