import 'server-only';
import { AppError } from '@/lib/errors/app-error';
import type { Auth } from './auth-instance';

/** Better Auth's own failure, as it throws it from a server-side call. */
interface BetterAuthFailure {
  name: 'APIError';
  statusCode: number;
  body?: { code?: string; message?: string };
}

const isFailure = (error: unknown): error is BetterAuthFailure =>
  (error as { name?: unknown } | null)?.name === 'APIError';

/** Better Auth's answer in the app's envelope: the same `invalid_credentials` for a wrong password and an unknown email. */
function translate(error: unknown): unknown {
  if (!isFailure(error)) return error;
  if (error.body?.code === 'BANNED_USER') {
    return new AppError('account_disabled', 'This account is disabled. Ask an admin to enable it again.');
  }
  if (error.statusCode === 401 || error.statusCode === 400) {
    return new AppError('invalid_credentials', 'The email or password is wrong. Check both and try again.');
  }
  return new AppError('internal_error', 'Signing in failed on the server. Try again in a minute.', {
    cause: error,
  });
}

/** What a sign-in call may pass on to Better Auth: never the caller's cookies or Origin (checked before). */
function forwarded(request: Headers): Headers {
  const headers = new Headers();
  const agent = request.get('user-agent');
  if (agent) headers.set('user-agent', agent.slice(0, 512));
  return headers;
}

/** Checks the password and opens a session: the user's id and the Set-Cookie headers to send back. */
export async function signInWithPassword(
  auth: Auth,
  input: { email: string; password: string },
  requestHeaders: Headers,
): Promise<{ userId: string; setCookie: string[] }> {
  try {
    const { headers, response } = await auth.api.signInEmail({
      body: { email: input.email, password: input.password, rememberMe: true },
      headers: forwarded(requestHeaders),
      returnHeaders: true,
    });
    return { userId: response.user.id, setCookie: headers.getSetCookie() };
  } catch (error) {
    throw translate(error);
  }
}

/** Ends the session of the request's cookie (if any) and clears it: the Set-Cookie headers to send back. */
export async function signOutSession(auth: Auth, requestHeaders: Headers): Promise<string[]> {
  const headers = new Headers();
  const cookie = requestHeaders.get('cookie');
  if (cookie) headers.set('cookie', cookie);
  const { headers: answer } = await auth.api.signOut({ headers, returnHeaders: true });
  return answer.getSetCookie();
}
