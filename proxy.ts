import { type NextRequest, NextResponse } from 'next/server';
import { assertAllowedHost } from '@/lib/api/allowed-host';
import { handleApiError } from '@/lib/api/handle-api-error';
import { getEnv } from '@/lib/config/env';
import { contentSecurityPolicy, newNonce } from '@/lib/security/security-headers';

/**
 * Every page: refused (421) when sent to a host name the app does not answer to (API routes check
 * it in their wrapper), else given a CSP with a nonce of its own (the other security headers come
 * from next.config.js).
 */
export function proxy(request: NextRequest): NextResponse {
  try {
    assertAllowedHost(request, getEnv());
  } catch (error) {
    return handleApiError(error);
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
