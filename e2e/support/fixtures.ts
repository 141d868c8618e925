import { test as base } from '@playwright/test';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/fake-upstream.mjs';
import { actingAs, forgetApp, type Persona, registerApp, registerIfKnown, signInContext } from './accounts';
import { type AppProcess, START_TIMEOUT_MS, type StartAppOptions, startApp } from './app-process';

/** The key the app under test holds; it must never reach a browser. */
export const TEST_API_KEY = 'sk-e2e-4f1c9a7b2d8e6f3a0b5c';

/**
 * Opening the embedded database keeps the server's CPU busy for seconds on first use; doing it here,
 * before any test, keeps that wait out of the first test's page loads.
 */
async function warmUp(app: AppProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  let status = 0;
  // Health says 503 while a new embedded database is still being created (it waits 5 s at most).
  while (Date.now() < deadline) {
    status = (await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(10_000) })).status;
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`warm-up: GET /api/health answered ${status} for 60 s\n${app.output()}`);
}

/** Opens the app's database, then gives it its people (admin, reviewer, two creators). */
async function ready(app: AppProcess): Promise<AppProcess> {
  try {
    await warmUp(app);
    await registerApp(app);
    return app;
  } catch (error) {
    await app.stop('SIGKILL');
    throw error;
  }
}

/** The secret in the callback URL of the task-following apps (`liveApp`, `quietApp`), known to tests. */
export const TEST_CALLBACK_TOKEN = 'cbt-e2e-9b7d31f0a5c24e68d1';

/** The app's own callback URL, as the upstream must be told it (token in clear). */
export const callbackUrlOf = (app: AppProcess, token = TEST_CALLBACK_TOKEN) =>
  `${app.url}/api/callbacks/kling?token=${encodeURIComponent(token)}`;

/** The environment of the shared `app`: the worker's fake upstream, the test key and a 3 s timeout. */
export function upstreamEnv(upstream: FakeUpstream): Record<string, string> {
  return { KLING_API_BASE_URL: upstream.url, KLING_API_KEY: TEST_API_KEY, KLING_API_TIMEOUT_MS: '3000' };
}

interface WorkerFixtures {
  upstream: FakeUpstream;
  app: AppProcess;
  /**
   * An app that follows tasks quickly (first status query 300 ms after submission), with a known
   * CALLBACK_TOKEN and APP_PUBLIC_URL (so submissions without a Callback URL get the app's own).
   */
  liveApp: AppProcess;
  /**
   * The same, except its background follower waits 10 minutes before a first status query: only a
   * user's "Check status now" or a callback moves a task, so tests see exactly what those did.
   */
  quietApp: AppProcess;
}

/** An app on the worker's fake upstream that follows tasks, with the test callback token and its own public URL. */
async function startFollowingApp(upstream: FakeUpstream, pollIntervalMs: string) {
  const app = await startApp({
    publicUrl: true,
    env: {
      ...upstreamEnv(upstream),
      KLING_POLL_INTERVAL_MS: pollIntervalMs,
      CALLBACK_TOKEN: TEST_CALLBACK_TOKEN,
    },
  });
  return ready(app);
}

interface TestFixtures {
  /**
   * Who the test's pages and API requests act as, on every app of the test: each app has an admin,
   * a reviewer and two creators (`creator`, `otherCreator`). Default: `creator`; `nobody` is signed out.
   */
  persona: Persona | 'nobody';
  /**
   * Starts another app instance (demo mode, restart, crash) on a free port, stopped after the test.
   * It resolves once the app has opened its database and has its people, unless `warmUp` is false
   * (then it has no people either: a first start that shows /setup, say).
   */
  launchApp: (options?: StartAppOptions & { warmUp?: boolean }) => Promise<AppProcess>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  upstream: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const upstream = await startFakeUpstream({ apiKey: TEST_API_KEY });
      await use(upstream);
      await upstream.close();
    },
    { scope: 'worker' },
  ],
  app: [
    async ({ upstream }, use) => {
      const app = await ready(await startApp({ env: upstreamEnv(upstream) }));
      await use(app);
      forgetApp(app);
      await app.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  liveApp: [
    async ({ upstream }, use) => {
      const app = await startFollowingApp(upstream, '300');
      await use(app);
      forgetApp(app);
      await app.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  quietApp: [
    async ({ upstream }, use) => {
      const app = await startFollowingApp(upstream, '600000');
      await use(app);
      forgetApp(app);
      await app.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ app }, use) => {
    await use(app.url);
  },
  persona: ['creator', { option: true }],
  // Pages are signed in as the persona on every running app (each app's cookie has its own name).
  context: async ({ context, persona }, use) => {
    if (persona === 'nobody') return use(context);
    const stop = await signInContext(context, persona);
    await use(context);
    stop();
  },
  // API requests act as the persona on whichever running app they go to, by its API token.
  request: async ({ request, persona, baseURL }, use) => {
    await use(persona === 'nobody' ? request : actingAs(request, persona, baseURL));
  },
  // Every test starts from a fake upstream with no queued replies and no recorded calls.
  page: async ({ page, upstream }, use) => {
    upstream.reset();
    await use(page);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  launchApp: async ({}, use, testInfo) => {
    const started: AppProcess[] = [];
    await use(async ({ warmUp: warm = true, ...options } = {}) => {
      // Starting an app (a new database, its accounts) is set-up, not the test: while it runs the test's
      // clock is held, so a slow start fails on its own deadline, with the app's output, and is stopped.
      const began = Date.now();
      const budget = testInfo.timeout;
      if (budget > 0) testInfo.setTimeout(budget + 4 * START_TIMEOUT_MS);
      const app = await startApp(options);
      started.push(app);
      if (warm) await ready(app);
      else await registerIfKnown(app);
      if (budget > 0) testInfo.setTimeout(budget + (Date.now() - began));
      return app;
    });
    // A failed test keeps what its apps printed (a crash, a stack trace) next to its trace.
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [i, app] of started.entries()) {
        await testInfo.attach(`app ${i + 1} (port ${app.port}) output`, {
          body: app.output(),
          contentType: 'text/plain',
        });
      }
    }
    for (const app of started) forgetApp(app);
    await Promise.all(started.map((app) => app.stop('SIGKILL')));
  },
});

export { expect } from '@playwright/test';
