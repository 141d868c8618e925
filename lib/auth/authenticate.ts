import 'server-only';
import type { ActorCache } from './actor-cache';
import type { ActorStore } from './actor-store';
import { apiTokenKey, hashSecret, sessionKey } from './credential-key';
import type { Actor } from './roles';
import { sessionTokenFromCookie } from './session-cookie';

/** API tokens look like `ovs_` + 43 base64url characters. */
export const API_TOKEN_PREFIX = 'ovs_';

export interface AuthenticateDeps {
  store: ActorStore;
  cache: ActorCache;
  /** The secret that signs session cookies. */
  secret: string;
}

/** Tokens have no end date: an entry lives as long as the cache allows. */
const NO_EXPIRY = Number.MAX_SAFE_INTEGER;

/**
 * Who a request acts for: `Authorization: Bearer <API token>`, else the session cookie; null when
 * neither names a signed-in, enabled user. A credential seen recently costs a map look-up.
 */
export function createAuthenticator(deps: AuthenticateDeps) {
  const { store, cache } = deps;

  async function byApiToken(token: string): Promise<Actor | null> {
    const tokenHash = hashSecret(token);
    const key = apiTokenKey(tokenHash);
    const cached = cache.get(key);
    if (cached) return cached;
    const generation = cache.generation();
    const actor = await store.byApiTokenHash(tokenHash);
    if (actor) cache.set(key, actor, NO_EXPIRY, generation);
    return actor;
  }

  async function bySession(token: string): Promise<Actor | null> {
    const key = sessionKey(token);
    const cached = cache.get(key);
    if (cached) return cached;
    const generation = cache.generation();
    const found = await store.bySessionToken(token, new Date());
    if (!found) return null;
    cache.set(key, found.actor, found.expiresAt.getTime(), generation);
    return found.actor;
  }

  return async function authenticate(headers: Headers): Promise<Actor | null> {
    const authorization = headers.get('authorization');
    if (authorization !== null) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const token = match?.[1];
      // A request that names a credential is judged by it alone: a wrong token never falls back to a cookie.
      return token?.startsWith(API_TOKEN_PREFIX) ? byApiToken(token) : null;
    }
    const sessionToken = sessionTokenFromCookie(headers.get('cookie'), deps.secret);
    return sessionToken ? bySession(sessionToken) : null;
  };
}

export type Authenticate = ReturnType<typeof createAuthenticator>;
