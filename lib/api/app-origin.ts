import 'server-only';
import { getEnv } from '@/lib/config/env';
import { socketPeerOf } from '@/lib/server/socket-peer';
import { fromTrustedProxy } from './client-address';
import { type OriginContext, ownOrigin } from './same-origin';

/** What the origin checks know of a request: APP_PUBLIC_URL, the socket's scheme, a trusted proxy. */
export function originContext(request: Request): OriginContext {
  return {
    publicUrl: getEnv().publicUrl,
    socketScheme: socketPeerOf(request)?.scheme ?? null,
    fromTrustedProxy: fromTrustedProxy(request),
  };
}

/** The origin the app is served at for this request: APP_PUBLIC_URL, else the one the browser used. */
export function appOrigin(request: Request): string {
  const context = originContext(request);
  return context.publicUrl ?? ownOrigin(request, context) ?? 'http://localhost';
}
