import { type NextRequest, NextResponse } from 'next/server';
import { assertAllowedHost } from '@/lib/api/allowed-host';
import { handleApiError } from '@/lib/api/handle-api-error';
import { getEnv } from '@/lib/config/env';
import { contentSecurityPolicy, newNonce } from '@/lib/security/security-headers';

/** Pages anyone may open: signing in, and the first admin's setup. */
const OPEN_PAGES = new Set(['/sign-in', '/setup']);

/** Whether the request names a credential at all, a session cookie or an API token (the page checks it). */
const hasCredentials = (request: NextRequest) =>
  request.headers.has('authorization') ||
  request.cookies.getAll().some((cookie) => cookie.name.endsWith('.session_token'));

/**
 * Every page: refused (421) when sent to a host name the app does not answer to (API routes check
 * it in their wrapper), sent to sign-in when nobody is signed in, else given a CSP with a nonce of
 * its own (the other security headers come from next.config.js).
 */
export function proxy(request: NextRequest): NextResponse {
  try {
    assertAllowedHost(request, getEnv());
  } catch (error) {
    return handleApiError(error);
  }
  // Nobody signed in: straight to sign-in (and back here after), before the page renders. A cookie
  // that turns out to be expired or forged is sent the same way by the page itself.
  const { pathname, search } = request.nextUrl;
  if (!OPEN_PAGES.has(pathname) && !/\.\w+$/.test(pathname) && !hasCredentials(request)) {
    const signIn = new URL('/sign-in', request.url);
    signIn.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  headers.set('x-nonce', nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  // Pages only: built assets and JSON answers need no nonce, and skipping the proxy keeps them fast.
  matcher: ['/((?!_next/static|_next/image|api/).*)'],
};
