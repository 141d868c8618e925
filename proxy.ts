import { type NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy, newNonce, SECURITY_HEADERS } from '@/lib/security/security-headers';

/** Every page and API answer gets the security headers; pages get a CSP with a nonce of their own. */
export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  headers.set('x-nonce', nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Built assets are immutable files: next.config.js gives them the plain security headers.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
