import { createHash } from 'node:crypto';

/**
 * Session cookies are named after the origin they belong to (`ovs-1a2b3c4d.session_token`):
 * browsers do not tell ports apart for cookies, so two studios on one host (ports 3000 and 3001,
 * each with its own database) would otherwise sign each other out.
 */
export function cookiePrefixFor(origin: string): string {
  return `ovs-${createHash('sha256').update(origin).digest('hex').slice(0, 8)}`;
}

/** The session cookie's name for an origin, as Better Auth writes it (`__Secure-` on https). */
export function sessionCookieName(origin: string): string {
  const secure = origin.startsWith('https:') ? '__Secure-' : '';
  return `${secure}${cookiePrefixFor(origin)}.session_token`;
}
