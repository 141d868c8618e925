import type { z } from 'zod';
import type { UserRole } from './accounts';
import type { ErrorCode } from './error-codes';

/**
 * Who may call a route: anyone (`public`), or a signed-in user of at least this role (creator <
 * reviewer < admin). Every route states it; the route wrapper checks it before the handler runs.
 */
export type Access = 'public' | UserRole;

/** Requests that may call the paid upstream count against one per-client limit. */
export type LimitedAction = 'submission' | 'refresh';

/** How the route wrapper guards a route, besides the checks every route gets (host, text, errors). */
export interface RouteOptions {
  access: Access;
  /** A browser may send it only from the app's own pages (state-changing routes). */
  sameOrigin?: boolean;
  /** Counts against the client's limit of upstream calls (RATE_LIMIT_PER_MINUTE). */
  rateLimit?: LimitedAction;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One route of the HTTP API: what it does, what it reads and answers; the OpenAPI document is built from these. */
export interface ApiRoute extends RouteOptions {
  method: HttpMethod;
  /** OpenAPI style: `/api/submissions/{id}`. */
  path: `/api/${string}`;
  summary: string;
  description: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
  body?: z.ZodType;
  answer: {
    status: 200 | 201 | 204;
    description: string;
    /** The JSON answered; none for 204. */
    schema?: z.ZodType;
    /** Bodies in other media types the route may answer instead (an export's CSV). */
    otherMediaTypes?: Record<string, z.ZodType>;
    headers?: Record<string, string>;
  };
  /** Every error code the route answers with, besides those any route may give. */
  errors: ErrorCode[];
}

/** Any route may answer these: a foreign Host, text no database can hold in the query, a server fault. */
export const COMMON_ERRORS: ErrorCode[] = ['misdirected_request', 'validation_failed', 'internal_error'];

export const BODY_ERRORS: ErrorCode[] = ['invalid_json', 'payload_too_large', 'validation_failed'];
