import 'server-only';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Server } from 'node:http';

/**
 * How long an idle keep-alive connection stays open: longer than the 60 s idle timeout of common
 * proxies and load balancers, and than the gaps between a client's requests. Node's default is 5 s;
 * a client that reuses a connection just as the server closes it gets a reset instead of an answer
 * ("socket hang up"), and clients that ignore the Keep-Alive hint (Node's own agent without a
 * timeout) hit that window whenever they pause about 5 s.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Node's own keep-alive timeout: the value nobody chose. */
const NODE_DEFAULT_KEEP_ALIVE_MS = 5_000;

const REQUEST_START = 'http.server.request.start';

/**
 * Raises the HTTP server's keep-alive timeout to KEEP_ALIVE_TIMEOUT_MS, however the server was
 * started (`npm start`, `next start`). Next.js gives the app no handle on its server, so this takes
 * it from the first request it sees, then stops listening. A value an operator chose
 * (`next start --keepAliveTimeout`) is kept.
 */
export function keepIdleConnectionsOpen(): void {
  const onRequest = (message: unknown) => {
    const { server } = message as { server: Server };
    if (server.keepAliveTimeout === NODE_DEFAULT_KEEP_ALIVE_MS)
      server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    unsubscribe(REQUEST_START, onRequest);
  };
  subscribe(REQUEST_START, onRequest);
}
