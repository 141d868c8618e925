import { createHash } from 'node:crypto';

/** A credential's cache key and stored form: its SHA-256, never the secret itself. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export const sessionKey = (sessionToken: string) => `s:${hashSecret(sessionToken)}`;
export const apiTokenKey = (tokenHash: string) => `t:${tokenHash}`;
