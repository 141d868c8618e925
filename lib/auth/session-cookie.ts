import { createHmac, timingSafeEqual } from 'node:crypto';

/** Session cookies end so (the name before it depends on the origin: cookie-name.ts). */
const SESSION_SUFFIX = '.session_token';

function sessionCookies(header: string): string[] {
  return header.split(';').flatMap((part) => {
    const eq = part.indexOf('=');
    return eq > 0 && part.slice(0, eq).trim().endsWith(SESSION_SUFFIX) ? [part.slice(eq + 1).trim()] : [];
  });
}

function verified(raw: string, secret: string): string | null {
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

/**
 * The session token from a signed session cookie (`token.signature`, HMAC-SHA256 in base64, as
 * Better Auth signs it), or null when absent or not signed with `secret`. Checked here in
 * microseconds, so a forged cookie never reaches the database.
 */
export function sessionTokenFromCookie(cookieHeader: string | null, secret: string): string | null {
  if (!cookieHeader) return null;
  // Another studio on this host (another port) sends its own cookie too; only ours is signed with our secret.
  for (const raw of sessionCookies(cookieHeader)) {
    const token = verified(raw, secret);
    if (token) return token;
  }
  return null;
}
