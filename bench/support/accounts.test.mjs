import { describe, expect, it } from 'vitest';
import { authDuration, sessionCookieFrom } from './accounts.mjs';

describe('sessionCookieFrom', () => {
  it('takes the session cookie’s name=value from the Set-Cookie lines, whatever its prefix', () => {
    const lines = [
      'ovs-1a2b3c4d.session_data=abc; Path=/; HttpOnly',
      'ovs-1a2b3c4d.session_token=tok.sig%3D; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax',
    ];
    expect(sessionCookieFrom(lines)).toBe('ovs-1a2b3c4d.session_token=tok.sig%3D');
  });

  it('is null when no session cookie was set, or it was cleared', () => {
    expect(sessionCookieFrom(undefined)).toBeNull();
    expect(sessionCookieFrom(['ovs-1a2b3c4d.session_token=; Max-Age=0'])).toBeNull();
  });
});

describe('authDuration', () => {
  it('reads the auth entry of a Server-Timing header among others', () => {
    expect(authDuration('auth;dur=0.021')).toBe(0.021);
    expect(authDuration('db;dur=3.2, auth;dur=1.5')).toBe(1.5);
    expect(authDuration('oauth;dur=9')).toBeNull();
    expect(authDuration(undefined)).toBeNull();
  });
});
