import { randomBytes, timingSafeEqual } from 'node:crypto';

export const CALLBACK_PATH = '/api/callbacks/kling';
const MASK = '********';

export function generateCallbackToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The app's own callback URL, given to the upstream when the creator leaves Callback URL blank. */
export function ownCallbackUrl(publicUrl: string, token: string): string {
  return `${publicUrl}${CALLBACK_PATH}?token=${encodeURIComponent(token)}`;
}

/** The app's own callback URL as it is sent, and as pages and the API show it (token masked). */
export interface OwnCallback {
  url: string;
  shown: string;
}

/** The app's own callback URL as pages show it, its token masked. */
export function shownOwnCallbackUrl(publicUrl: string): string {
  return `${publicUrl}${CALLBACK_PATH}?token=${MASK}`;
}

export function ownCallback(publicUrl: string, token: string): OwnCallback {
  return { url: ownCallbackUrl(publicUrl, token), shown: shownOwnCallbackUrl(publicUrl) };
}

/**
 * The callback URL a create call sends: the creator's own, else the app's. The app's URL as pages
 * show it (token masked) comes back with "Reuse in composer" or a request copied from history: it
 * means the app's URL, and sent as it is every callback would be refused (401).
 */
export function callbackUrlToSend(given: string | undefined, own: OwnCallback | null): string | undefined {
  if (!own) return given;
  return !given || given === own.shown ? own.url : given;
}

/** Compares in constant time, so the token cannot be guessed one character at a time. */
export function tokensMatch(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A request as pages and the API show it: the token in the app's own callback URL is masked. */
export function maskCallbackToken(
  request: Record<string, unknown>,
  token: string | null,
): Record<string, unknown> {
  const url = request.callback_url;
  if (!token || typeof url !== 'string') return request;
  const encoded = encodeURIComponent(token);
  if (!url.includes(token) && !url.includes(encoded)) return request;
  return { ...request, callback_url: url.replaceAll(encoded, MASK).replaceAll(token, MASK) };
}
