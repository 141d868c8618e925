import { AppError } from '@/lib/errors/app-error';

/** Names that always reach this machine itself, whatever DNS says. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A Host header: a name or an IPv4 or bracketed IPv6 address, and an optional port. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i;

/** The host name of a Host header, lower case, without port or trailing dot; null for anything else. */
export function hostNameOf(host: string | null | undefined): string | null {
  const match = host ? HOST_HEADER.exec(host.trim()) : null;
  return match?.[1] ? match[1].toLowerCase().replace(/\.$/, '') : null;
}

export interface HostRules {
  /** APP_PUBLIC_URL's origin, or null. */
  publicUrl: string | null;
  /** ALLOWED_HOSTS, lower case. */
  allowedHosts: readonly string[];
}

/** The host names this app answers to: APP_PUBLIC_URL's, ALLOWED_HOSTS and loopback names, any port. */
export function isAllowedHost(host: string | null | undefined, rules: HostRules): boolean {
  const name = hostNameOf(host);
  if (name === null) return false;
  if (LOOPBACK_NAMES.has(name) || rules.allowedHosts.includes(name)) return true;
  return rules.publicUrl !== null && hostNameOf(new URL(rules.publicUrl).host) === name;
}

/** The Host a request was sent to (a request built in a test has only its URL). */
export function requestHost(request: Request): string {
  return request.headers.get('host') ?? new URL(request.url).host;
}

/**
 * Refuses a request sent to a host name the app does not answer to: a page of another site whose name
 * was pointed at this machine (DNS rebinding) would otherwise read and submit as if it were the app.
 */
export function assertAllowedHost(request: Request, rules: HostRules): void {
  if (isAllowedHost(requestHost(request), rules)) return;
  throw new AppError(
    'misdirected_request',
    'This server does not answer to that host name. Use the address the app is published at.',
  );
}
