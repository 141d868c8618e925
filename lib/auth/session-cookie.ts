import { createHmac, timingSafeEqual } from 'node:crypto';

/** Better Auth's session cookie; `__Secure-` prefixed when the app is served over https. */
export const SESSION_COOKIE = 'better-auth.session_token';
const COOKIE_NAMES = [SESSION_COOKIE, `__Secure-${SESSION_COOKIE}`];

function readCookie(header: string, names: readonly string[]): string | null {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (names.includes(part.slice(0, eq).trim())) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * The session token from a signed session cookie (`token.signature`, HMAC-SHA256 in base64, as
 * Better Auth signs it), or null when absent or not signed with `secret`. Checked here in
 * microseconds, so a forged cookie never reaches the database.
 */
export function sessionTokenFromCookie(cookieHeader: string | null, secret: string): string | null {
  if (!cookieHeader) return null;
  const raw = readCookie(cookieHeader, COOKIE_NAMES);
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), 'base64');
  const expected = createHmac('sha256', secret).update(token).digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}
