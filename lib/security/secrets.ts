/**
 * The app's secrets (the upstream key, the callback token) and the one redaction that cuts them out
 * of anything written down: log lines, and everything stored from the upstream, which may echo them.
 */
export const REDACTED = '[redacted]';

/** Secrets read from the environment whenever a text is redacted, so a value set later still counts. */
const SECRET_ENV = ['KLING_API_KEY', 'CALLBACK_TOKEN'] as const;
/** Secrets handed over at run time: the upstream client's key, a generated callback token. */
const registered = new Set<string>();

/** Shorter values would cut ordinary words out of text; no real key or token is this short. */
const MIN_SECRET_LENGTH = 8;

export function registerSecret(secret: string): void {
  if (secret.length >= MIN_SECRET_LENGTH) registered.add(secret);
}

function secrets(): string[] {
  const fromEnv = SECRET_ENV.map((name) => process.env[name] ?? '').filter((value) => value.length >= 4);
  return [...fromEnv, ...registered];
}

/** `text` with every secret, as written or URL-encoded (as in a callback URL), replaced by a mask. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of secrets()) {
    out = out.replaceAll(secret, REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.replaceAll(encoded, REDACTED);
  }
  return out;
}
