import 'server-only';
import { AppError } from '@/lib/errors/app-error';
import { getSignInLimit } from '@/lib/server/auth-services';
import { clientAddress } from './client-address';

/**
 * Password attempts (sign-in, first setup): SIGN_IN_ATTEMPTS_PER_MINUTE per client address, loopback
 * included, counted in the database so the limit holds across every instance.
 */
export async function assertSignInAllowed(request: Request): Promise<void> {
  const verdict = await (await getSignInLimit()).take(clientAddress(request));
  if (verdict.ok) return;
  throw new AppError(
    'rate_limited',
    `Too many sign-in attempts from your address. Wait ${verdict.retryAfterSeconds} s, then try again.`,
    { retryAfterSeconds: verdict.retryAfterSeconds },
  );
}
