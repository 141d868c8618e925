import 'server-only';
import type { NextResponse } from 'next/server';
import { type Actor, hasRole, type UserRole } from '@/lib/auth/roles';
import { getEnv } from '@/lib/config/env';
import { isPlainText, notPlainTextMessage } from '@/lib/contract/plain-text';
import type { RouteOptions } from '@/lib/contract/routes';
import type { ValidationIssue } from '@/lib/contract/validation-issues';
import { AppError } from '@/lib/errors/app-error';
import { getAuthenticate } from '@/lib/server/auth-services';
import { assertAllowedHost } from './allowed-host';
import { originContext } from './app-origin';
import { handleApiError } from './handle-api-error';
import { assertSameOrigin } from './same-origin';
import { assertWithinRateLimit } from './upstream-rate-limit';

type Params = Record<string, string | string[] | undefined>;

/** What Next passes a route handler besides the request. */
interface RouteContext<P extends Params> {
  params: Promise<P>;
}

/** The business step of a route: signed-in routes get the caller; public ones get null. */
export type RouteHandler<P extends Params, A> = (request: Request, params: P, actor: A) => Promise<Response>;

/** Every query parameter and path segment, checked for text no database or log line can carry. */
function assertPlainUrl(request: Request, params: Params): void {
  const issues: ValidationIssue[] = [];
  for (const [name, value] of new URL(request.url).searchParams) {
    if (!isPlainText(name) || !isPlainText(value))
      issues.push({ path: name, message: notPlainTextMessage(name) });
  }
  for (const [name, value] of Object.entries(params)) {
    if ([value ?? ''].flat().some((part) => !isPlainText(part))) {
      issues.push({ path: name, message: notPlainTextMessage(name) });
    }
  }
  if (issues.length) throw new AppError('validation_failed', 'The address is not valid.', { issues });
}

/** The caller, by API token or session cookie: 401 when none, 403 when their role is below `access`. */
async function signedIn(request: Request, access: UserRole): Promise<Actor> {
  const actor = await (await getAuthenticate())(request.headers);
  if (!actor) {
    throw new AppError(
      'unauthenticated',
      'Sign in first: send the session cookie from /sign-in, or an API token as "Authorization: Bearer <token>".',
    );
  }
  if (!hasRole(actor, access)) {
    throw new AppError('forbidden', `This needs the ${access} role; you are signed in as a ${actor.role}.`);
  }
  return actor;
}

/**
 * Every API route is one handler wrapped here, in the manner of dub's `withWorkspace`: the wrapper
 * refuses foreign hosts (421), text no database can hold in the address (422), cross-site browser
 * requests (`sameOrigin`) and clients past their limit (`rateLimit`), then runs the handler, and
 * answers any error in the one envelope. The handler is only the business step: parse, call the
 * service, respond. Every route states its access: `public`, or the least role a signed-in caller
 * needs (creator < reviewer < admin), checked here before the handler runs.
 */
export function apiRoute<P extends Params = Params>(
  options: RouteOptions & { access: 'public' },
  handler: RouteHandler<P, null>,
): (request: Request, context?: RouteContext<P>) => Promise<Response | NextResponse>;
export function apiRoute<P extends Params = Params>(
  options: RouteOptions & { access: UserRole },
  handler: RouteHandler<P, Actor>,
): (request: Request, context?: RouteContext<P>) => Promise<Response | NextResponse>;
export function apiRoute<P extends Params = Params>(
  options: RouteOptions,
  handler: RouteHandler<P, null> | RouteHandler<P, Actor>,
): (request: Request, context?: RouteContext<P>) => Promise<Response | NextResponse> {
  return async (request, context) => {
    try {
      const env = getEnv();
      assertAllowedHost(request, env);
      const params = (await context?.params) ?? ({} as P);
      assertPlainUrl(request, params);
      if (options.sameOrigin) assertSameOrigin(request, originContext(request));
      const checkStarted = performance.now();
      const actor = options.access === 'public' ? null : await signedIn(request, options.access);
      // What the sign-in check cost, for operators and the benchmark (Server-Timing: auth;dur=0.02).
      const timing = actor ? `auth;dur=${(performance.now() - checkStarted).toFixed(3)}` : null;
      if (options.rateLimit) assertWithinRateLimit(request, options.rateLimit, actor);
      // The overloads pair each access with its handler: `actor` is null exactly for public routes.
      const response = await (handler as RouteHandler<P, Actor | null>)(request, params, actor);
      if (timing) {
        try {
          response.headers.append('server-timing', timing);
        } catch {
          // An answer with immutable headers (a passed-through stream) goes without the timing.
        }
      }
      return response;
    } catch (error) {
      return handleApiError(error);
    }
  };
}
