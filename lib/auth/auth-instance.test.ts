import { expect, it } from 'vitest';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { createActorCache } from './actor-cache';
import { createActorStore } from './actor-store';
import { createAuth } from './auth-instance';
import { createAuthenticator } from './authenticate';
import { sessionTokenFromCookie } from './session-cookie';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const ORIGIN = 'http://127.0.0.1:3999';

describeEachDatabase('Better Auth on the app schema', (database) => {
  const email = () => `${database.token}-${Math.random().toString(36).slice(2, 8)}@example.com`;

  it('creates a user with a role, signs in with the password, and the app reads the signed cookie', async () => {
    const auth = createAuth({ db: database.db, secret: SECRET, origin: ORIGIN });
    const address = email();
    const created = await auth.api.createUser({
      body: { email: address, password: 'correct horse battery', name: 'Ada', role: 'reviewer' },
    });
    expect(created.user).toMatchObject({ email: address, role: 'reviewer' });

    const response = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ email: address, password: 'correct horse battery' }),
      }),
    );
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/ovs-[0-9a-f]{8}\.session_token=[^;]+; .*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0] ?? '';
    expect(sessionTokenFromCookie(cookie, SECRET)).toMatch(/\S{16,}/);
    expect(sessionTokenFromCookie(cookie, 'another-secret-another-secret-another')).toBeNull();

    const authenticate = createAuthenticator({
      store: createActorStore(database.db),
      cache: createActorCache(),
      secret: SECRET,
    });
    const actor = await authenticate(new Headers({ cookie }));
    expect(actor).toMatchObject({ id: created.user.id, email: address, role: 'reviewer', via: 'session' });

    const wrong = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ email: address, password: 'wrong password here' }),
      }),
    );
    expect(wrong.status).toBe(401);
  });
});
