import { AppError } from '@/lib/errors/app-error';
import { requestHost } from './allowed-host';

/** What the same-origin check needs to know of the request beyond its headers. */
export interface OriginContext {
  /** APP_PUBLIC_URL's origin, or null. */
  publicUrl: string | null;
  /** The scheme of the connection, when the server stamped it (else the request URL's). */
  socketScheme: 'http' | 'https' | null;
  /** True when a trusted reverse proxy sent the request: its X-Forwarded-Host and -Proto count. */
  fromTrustedProxy: boolean;
}

function originOf(value: string | null | undefined): string | null {
  if (!value || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
}

/** The first value of a comma-separated forwarding header. */
const firstOf = (value: string | null) => value?.split(',')[0]?.trim() || null;

/** The origin the client addressed: scheme, host and port, as a browser on this app's pages sends it. */
export function ownOrigin(request: Request, context: OriginContext): string | null {
  if (context.fromTrustedProxy) {
    const host = firstOf(request.headers.get('x-forwarded-host'));
    const scheme = firstOf(request.headers.get('x-forwarded-proto'));
    if (host && (scheme === 'http' || scheme === 'https')) return originOf(`${scheme}://${host}`);
  }
  const scheme = context.socketScheme ?? new URL(request.url).protocol.replace(':', '');
  return originOf(`${scheme}://${requestHost(request)}`);
}

const refused = () =>
  new AppError(
    'forbidden_origin',
    'Submissions are accepted only from this app’s own pages. Open the composer on this site to submit.',
  );

/**
 * A browser's state-changing request must come from this app's own pages: its Origin, when present,
 * must equal the app's origin (scheme, host and port: the one the request addressed, or APP_PUBLIC_URL).
 * A browser that sends no Origin but says the request is cross-site is refused too. Clients that send
 * neither (curl, scripts, servers) are not browsers.
 */
export function assertSameOrigin(request: Request, context: OriginContext): void {
  const origin = request.headers.get('origin');
  if (origin === null) {
    if (request.headers.get('sec-fetch-site')?.toLowerCase() === 'cross-site') throw refused();
    return;
  }
  const sent = originOf(origin);
  const allowed = [ownOrigin(request, context), originOf(context.publicUrl)];
  if (sent === null || !allowed.includes(sent)) throw refused();
}
