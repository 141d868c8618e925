import 'server-only';
import type { NextResponse } from 'next/server';
import { getEnv } from '@/lib/config/env';
import { isPlainText, notPlainTextMessage } from '@/lib/contract/plain-text';
import type { RouteOptions } from '@/lib/contract/routes';
import type { ValidationIssue } from '@/lib/contract/validation-issues';
import { AppError } from '@/lib/errors/app-error';
import { assertAllowedHost } from './allowed-host';
import { fromTrustedProxy } from './client-address';
import { handleApiError } from './handle-api-error';
import { assertSameOrigin } from './same-origin';
import { socketPeerOf } from './socket-peer';
import { assertWithinRateLimit } from './upstream-rate-limit';

type Params = Record<string, string | string[] | undefined>;

/** What Next passes a route handler besides the request. */
interface RouteContext<P extends Params> {
  params: Promise<P>;
}

export type RouteHandler<P extends Params> = (request: Request, params: P) => Promise<Response>;

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

/**
 * Every API route is one handler wrapped here, in the manner of dub's `withWorkspace`: the wrapper
 * refuses foreign hosts (421), text no database can hold in the address (422), cross-site browser
 * requests (`sameOrigin`) and clients past their limit (`rateLimit`), then runs the handler, and
 * answers any error in the one envelope. The handler is only the business step: parse, call the
 * service, respond. Access is stated by every route; accounts check roles here.
 */
export function apiRoute<P extends Params = Params>(
  options: RouteOptions,
  handler: RouteHandler<P>,
): (request: Request, context?: RouteContext<P>) => Promise<Response | NextResponse> {
  return async (request, context) => {
    try {
      const env = getEnv();
      assertAllowedHost(request, env);
      const params = (await context?.params) ?? ({} as P);
      assertPlainUrl(request, params);
      if (options.sameOrigin) {
        assertSameOrigin(request, {
          publicUrl: env.publicUrl,
          socketScheme: socketPeerOf(request)?.scheme ?? null,
          fromTrustedProxy: fromTrustedProxy(request),
        });
      }
      if (options.rateLimit) assertWithinRateLimit(request, options.rateLimit);
      return await handler(request, params);
    } catch (error) {
      return handleApiError(error);
    }
  };
}
