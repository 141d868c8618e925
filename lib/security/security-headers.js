// CommonJS, so that next.config.js (read by plain Node) and the app's TypeScript share one module.

/**
 * Where pictures and videos may come from: this app, any https: host (the upstream's video hosts,
 * creators' image URLs), and plain http: only on this machine (the demo and tests); an https page
 * would block other http: media as mixed content anyway.
 */
const MEDIA_SOURCES = "'self' https: blob: http://127.0.0.1:* http://localhost:*";

/**
 * The page Content-Security-Policy: scripts only from this origin with the request's nonce (Next adds
 * it to its own inline scripts), nothing framed, no plugins, forms and connections to this origin only.
 * @param {string} nonce
 * @returns {string}
 */
function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    `img-src ${MEDIA_SOURCES} data:`,
    `media-src ${MEDIA_SOURCES}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** JSON answers load nothing and are framed by nobody. */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The headers every answer carries. @type {Readonly<Record<string, string>>} */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * A fresh, unguessable nonce for one response.
 * @returns {string}
 */
function newNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

module.exports = { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS, contentSecurityPolicy, newNonce };
