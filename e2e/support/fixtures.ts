import { test as base } from '@playwright/test';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/fake-upstream.mjs';
import { type AppProcess, type StartAppOptions, startApp } from './app-process';

/** The key the app under test holds; it must never reach a browser. */
export const TEST_API_KEY = 'sk-e2e-4f1c9a7b2d8e6f3a0b5c';

/** Ports per worker: 3100+ for the shared app, 3200+ for apps a test starts itself. */
const appPort = (workerIndex: number) => 3100 + workerIndex;
const extraPort = (workerIndex: number, n: number) => 3200 + workerIndex * 20 + n;

interface WorkerFixtures {
  upstream: FakeUpstream;
  app: AppProcess;
}

interface TestFixtures {
  /** Starts another app instance (demo mode, restart, crash), stopped after the test. */
  launchApp: (options?: Omit<StartAppOptions, 'port'> & { port?: number }) => Promise<AppProcess>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  upstream: [
    async ({}, use) => {
      const upstream = await startFakeUpstream({ apiKey: TEST_API_KEY });
      await use(upstream);
      await upstream.close();
    },
    { scope: 'worker' },
  ],
  app: [
    async ({ upstream }, use, workerInfo) => {
      const app = await startApp({
        port: appPort(workerInfo.workerIndex),
        env: { KLING_API_BASE_URL: upstream.url, KLING_API_KEY: TEST_API_KEY, KLING_API_TIMEOUT_MS: '3000' },
      });
      await use(app);
      await app.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ app }, use) => {
    await use(app.url);
  },
  // Every test starts from a fake upstream with no queued replies and no recorded calls.
  page: async ({ page, upstream }, use) => {
    upstream.reset();
    await use(page);
  },
  launchApp: async ({}, use, testInfo) => {
    const started: AppProcess[] = [];
    let n = 0;
    await use(async (options = {}) => {
      const app = await startApp({ ...options, port: options.port ?? extraPort(testInfo.workerIndex, n++) });
      started.push(app);
      return app;
    });
    await Promise.all(started.map((app) => app.stop('SIGKILL')));
  },
});

export { expect } from '@playwright/test';
