// Signing in to a benchmarked app: every app starts with a first admin from the environment, and a
// measurement signs in as that admin (a session cookie) and mints an API token, as a client would.
import { keepAliveAgent, send } from './http-load.mjs';

export const BENCH_ADMIN = { email: 'bench-admin@studio.test', password: 'bench admin password 5c19' };

/** The first admin, and no limit on sign-ins or submissions: the bench sends far more than a person. */
export const ACCOUNT_ENV = {
  ADMIN_EMAIL: BENCH_ADMIN.email,
  ADMIN_PASSWORD: BENCH_ADMIN.password,
  SIGN_IN_ATTEMPTS_PER_MINUTE: '0',
  RATE_LIMIT_PER_MINUTE: '0',
};

/** `name=value` of the session cookie in a sign-in answer's Set-Cookie lines, or null. */
export function sessionCookieFrom(setCookie) {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = lines.find((l) => /^[^=;]+\.session_token=[^;]/.test(l));
  return line ? line.split(';')[0] : null;
}

/** `Server-Timing: auth;dur=<ms>` of an answer: what its session check cost, or null. */
export function authDuration(serverTiming) {
  const match = /(?:^|,)\s*auth;dur=([\d.]+)/.exec(serverTiming ?? '');
  return match ? Number(match[1]) : null;
}

async function ok(answer, what) {
  if (answer.status < 200 || answer.status > 299)
    throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.text ? JSON.parse(answer.text) : null;
}

/** Signs in as the bench admin: `{ cookie }`, the Cookie header value of the session. */
export async function signIn(app) {
  const agent = keepAliveAgent(1);
  try {
    const answer = await send(agent, `${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { origin: app.url },
      body: { email: BENCH_ADMIN.email, password: BENCH_ADMIN.password },
    });
    await ok(answer, 'sign-in');
    const cookie = sessionCookieFrom(answer.headers['set-cookie']);
    if (!cookie) throw new Error('sign-in set no session cookie');
    return { cookie };
  } finally {
    agent.destroy();
  }
}

/**
 * Signs in and mints an API token: `{ cookie, token, headers }`, where `headers` authorise a request
 * by the token (`Authorization: Bearer ovs_...`), as scripts and integrations call the API.
 */
export async function signInWithToken(app) {
  const { cookie } = await signIn(app);
  const agent = keepAliveAgent(1);
  try {
    const answer = await send(agent, `${app.url}/api/tokens`, {
      method: 'POST',
      headers: { origin: app.url, cookie },
      body: { name: 'bench' },
    });
    const { token } = await ok(answer, 'minting an API token');
    return { cookie, token, headers: { authorization: `Bearer ${token}` } };
  } finally {
    agent.destroy();
  }
}
