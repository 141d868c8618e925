import 'server-only';
import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors/app-error';
import { handleApiError } from './handle-api-error';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type Handler = () => NextResponse;

/**
 * What a route answers to the methods it does not serve: 405 `method_not_allowed` in the error
 * envelope (Next's own 405 has no body), and an OPTIONS answer that lists only the methods it serves.
 * A route exports the ones it lacks: `export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST'])`.
 */
export function otherMethods(served: readonly Method[]): Record<Method | 'OPTIONS', Handler> {
  // HEAD is answered by the GET handler, as Next does.
  const allow = [...served, ...(served.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const notAllowed: Handler = () => {
    const response = handleApiError(
      new AppError('method_not_allowed', `This address answers only ${served.join(' and ')} requests.`),
    );
    response.headers.set('allow', allow);
    return response;
  };
  const handlers = Object.fromEntries(METHODS.map((method) => [method, notAllowed])) as Record<
    Method,
    Handler
  >;
  const options: Handler = () => new NextResponse(null, { status: 204, headers: { allow } });
  return { ...handlers, OPTIONS: options };
}
