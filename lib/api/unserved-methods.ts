import 'server-only';
import { NextResponse } from 'next/server';
import { API_ROUTES } from '@/lib/contract/routes';
import { AppError } from '@/lib/errors/app-error';
import { apiRoute } from './api-route';
import { handleApiError } from './handle-api-error';

/** Each registered path as a pattern: `/api/submissions/{id}` matches one path segment for `{id}`. */
const PATTERNS = Object.values(API_ROUTES).map((route) => ({
  method: route.method,
  pattern: new RegExp(`^${route.path.replace(/\./g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The methods served at a path, as the Allow header lists them. */
function allowedAt(pathname: string): string[] {
  const served = METHOD_ORDER.filter((method) =>
    PATTERNS.some((route) => route.method === method && route.pattern.test(pathname)),
  );
  return [...served, ...(served.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
}

const notAllowed = apiRoute({ access: 'public' }, async (request) => {
  const allow = allowedAt(new URL(request.url).pathname);
  const served = allow.filter((method) => method !== 'HEAD' && method !== 'OPTIONS');
  const response = handleApiError(
    new AppError('method_not_allowed', `This address answers only ${served.join(' and ')} requests.`),
  );
  response.headers.set('allow', allow.join(', '));
  return response;
});

/**
 * What a route answers to the methods it does not serve: 405 `method_not_allowed` in the error
 * envelope with an `Allow` header (Next's own 405 has no body), and OPTIONS listing what it serves.
 * A route file re-exports these (`export * from '@/lib/api/unserved-methods'`); the methods it
 * defines itself take precedence over re-exported ones.
 */
export const GET = notAllowed;
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
export const OPTIONS = apiRoute(
  { access: 'public' },
  async (request) =>
    new NextResponse(null, {
      status: 204,
      headers: { allow: allowedAt(new URL(request.url).pathname).join(', ') },
    }),
);
