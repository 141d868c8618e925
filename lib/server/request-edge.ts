import 'server-only';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ERROR_STATUS } from '@/lib/contract/error-codes';
import type { ErrorEnvelope } from '@/lib/contract/error-envelope';
import { SECURITY_HEADERS } from '@/lib/security/security-headers';
import { encodeSocketPeer, socketHeaderName } from '@/lib/server/socket-peer';

/**
 * The longest a client may take to send a whole request (headers and a body of at most 64 KiB).
 * Node's default is 5 minutes: a client trickling a byte every few seconds held a connection that long.
 * Node checks every 30 s, so a stalled request is closed 30 to 60 s after it began.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The methods Next can hand to a route; any other (TRACE, PROPFIND, ...) fails inside it. */
const SERVED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** Answers a request Next would fail on (a plain-text 500, and for a method a logged stack) in the envelope. */
function refuse(
  request: IncomingMessage,
  response: ServerResponse,
  envelope: ErrorEnvelope,
  headers: Record<string, string> = {},
): void {
  request.resume();
  response.writeHead(ERROR_STATUS[envelope.error.code], {
    ...SECURITY_HEADERS,
    ...headers,
    'content-type': 'application/json',
  });
  response.end(JSON.stringify(envelope));
}

/** False for a path with a percent-escape that is not UTF-8 (`%ED%A0%80`, `%ZZ`): no route can read it. */
function isReadablePath(url: string | undefined): boolean {
  try {
    decodeURIComponent((url ?? '').split('?')[0] ?? '');
    return true;
  } catch {
    return false;
  }
}

/** Stamps the socket's scheme and address on the request, where route handlers can read them. */
function stampSocket(request: IncomingMessage): void {
  const address = request.socket.remoteAddress;
  if (!address) return;
  const scheme = (request.socket as TLSSocket).encrypted ? 'https' : 'http';
  request.headers[socketHeaderName()] = encodeSocketPeer({ scheme, address });
}

function guard(listener: RequestListener): RequestListener {
  return (request, response) => {
    if (!SERVED_METHODS.has(request.method ?? '')) {
      const message = `This server does not answer ${request.method} requests.`;
      return refuse(
        request,
        response,
        { error: { code: 'method_not_allowed', message } },
        {
          allow: [...SERVED_METHODS].join(', '),
        },
      );
    }
    if (!isReadablePath(request.url)) {
      const issue = { path: 'path', message: 'The address holds a percent-escape that is not UTF-8 text.' };
      return refuse(request, response, {
        error: { code: 'validation_failed', message: 'The address is not valid.', issues: [issue] },
      });
    }
    stampSocket(request);
    listener(request, response);
  };
}

const REQUEST_START = 'http.server.request.start';

/**
 * Puts a guard in front of the framework's request handler, however the server was started
 * (`npm start`, `next start`): Next.js gives the app no handle on its server, so this takes it from
 * the first request it sees (published before the server hands that request on), then stops
 * listening. The guard stamps each request with its socket and refuses, in the error envelope,
 * methods and paths Next cannot handle; the server gets REQUEST_TIMEOUT_MS for whole requests.
 */
export function guardRequests(): void {
  const onRequest = (message: unknown) => {
    unsubscribe(REQUEST_START, onRequest);
    const { server } = message as { server: Server };
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = Math.min(server.headersTimeout, REQUEST_TIMEOUT_MS);
    for (const listener of server.listeners('request') as RequestListener[]) {
      server.removeListener('request', listener);
      server.on('request', guard(listener));
    }
  };
  subscribe(REQUEST_START, onRequest);
}
