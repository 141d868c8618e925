import { randomUUID } from 'node:crypto';
import { type RecordedRequest, startFakeUpstream } from './fake-upstream/fake-upstream.mjs';
import type { AppProcess } from './support/app-process';
import { expect, test } from './support/fixtures';
import { freshDatabase } from './support/postgres.mjs';
import { getSubmission, queriesOf, submitViaApi } from './support/tasks';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** Each instance holds its own key, so the fake upstream tells whose status query it got. */
const KEYS = { a: 'sk-e2e-instance-a-51c0', b: 'sk-e2e-instance-b-93d7' } as const;
const TASKS = 6;
/** Two queries of one task closer than this would be two instances asking at the same moment. */
const MIN_GAP_MS = 100;

const instanceOf = (call: RecordedRequest) =>
  call.headers.authorization === `Bearer ${KEYS.a}`
    ? 'a'
    : call.headers.authorization === `Bearer ${KEYS.b}`
      ? 'b'
      : '?';

test.describe('two app instances on one PostgreSQL database', () => {
  // Runs only against a real PostgreSQL server: scripts/test-all.sh starts one and sets TEST_DATABASE_URL.
  // Without it there is no database two instances could share (the embedded one belongs to one process).
  test.skip(
    !TEST_DATABASE_URL,
    'TEST_DATABASE_URL is unset: no PostgreSQL server for two instances to share',
  );

  test('share the following of tasks: no task is asked about by both at once, and every task is followed to the end', async ({
    request,
    launchApp,
  }) => {
    // Starts two apps and follows six tasks for a while: more than the default time.
    test.slow();
    const database = await freshDatabase(TEST_DATABASE_URL ?? '');
    // A fake of its own, without a key check, so each instance can use its own key.
    const fake = await startFakeUpstream();
    const apps: AppProcess[] = [];
    try {
      const env = (key: string) => ({
        KLING_API_BASE_URL: fake.url,
        KLING_API_KEY: key,
        KLING_API_TIMEOUT_MS: '3000',
        KLING_POLL_INTERVAL_MS: '300',
        DATABASE_URL: database.url,
      });
      // One after the other: the second finds the schema the first created.
      apps.push(await launchApp({ env: env(KEYS.a) }));
      apps.push(await launchApp({ env: env(KEYS.b) }));
      const [a, b] = apps as [AppProcess, AppProcess];

      const run = randomUUID();
      const submissions = await Promise.all(
        Array.from({ length: TASKS }, (_, i) =>
          submitViaApi(request, i % 2 === 0 ? a : b, { prompt: `Shared task ${i} ${run}` }),
        ),
      );
      const taskIds = submissions.map((s) => s.taskId ?? '');
      expect(new Set(taskIds).size).toBe(TASKS);
      // Each instance sees every submission, whichever one took it.
      for (const app of [a, b]) {
        const listed = await request.get(`${app.url}/api/submissions?q=${encodeURIComponent(run)}&limit=20`);
        expect((await listed.json()).items).toHaveLength(TASKS);
      }

      // The tasks stay processing for a while, with new progress words now and then, so the instances
      // keep asking about them often (each change restarts the backoff at 300 ms).
      let step = 0;
      const progress = () => {
        step++;
        for (const id of taskIds) fake.setTask(id, { status: 'processing', message: `step ${step}` });
      };
      progress();
      await expect
        .poll(
          () => {
            progress();
            return Math.min(...taskIds.map((id) => queriesOf(fake, id).length));
          },
          { timeout: 60_000, intervals: [400] },
        )
        .toBeGreaterThanOrEqual(12);
      for (const s of submissions) {
        expect((await getSubmission(request, a, s.id)).status).toBe('processing');
      }

      const videoUrl = `${a.url}/demo/sample-video.webm`;
      for (const id of taskIds) fake.setTask(id, { status: 'succeeded', videoUrl, duration: 5 });
      for (const s of submissions) {
        for (const app of [a, b]) {
          await expect
            .poll(async () => (await getSubmission(request, app, s.id)).status, { timeout: 20_000 })
            .toBe('succeeded');
        }
        expect((await getSubmission(request, b, s.id)).video).toEqual({ url: videoUrl, duration: 5 });
      }

      // Per task, the queries of both instances together never come at the same moment.
      const byInstance = { a: 0, b: 0, '?': 0 };
      let sharedTasks = 0;
      let smallestGap = Number.POSITIVE_INFINITY;
      for (const id of taskIds) {
        const calls = queriesOf(fake, id);
        const who = new Set(calls.map(instanceOf));
        for (const call of calls) byInstance[instanceOf(call)]++;
        if (who.has('a') && who.has('b')) sharedTasks++;
        const gaps = calls.slice(1).map((call, i) => call.receivedAt - (calls[i]?.receivedAt ?? 0));
        smallestGap = Math.min(smallestGap, ...gaps);
        expect(Math.min(...gaps), `smallest gap between two queries of task ${id}`).toBeGreaterThanOrEqual(
          MIN_GAP_MS,
        );
      }
      // Both instances did follow tasks, and some tasks were followed by both in turn.
      expect(byInstance['?']).toBe(0);
      expect(byInstance.a).toBeGreaterThan(0);
      expect(byInstance.b).toBeGreaterThan(0);
      expect(sharedTasks).toBeGreaterThan(0);
      test.info().annotations.push({
        type: 'queries',
        description: `instance a ${byInstance.a}, instance b ${byInstance.b}; ${sharedTasks}/${TASKS} tasks asked by both; smallest gap ${smallestGap} ms; fresh database: ${database.fresh}`,
      });
      // Nothing was created twice either.
      expect(fake.createCalls()).toHaveLength(TASKS);
    } finally {
      await Promise.all(apps.map((app) => app.stop()));
      await fake.close();
      await database.drop();
    }
  });
});
