import { randomUUID } from 'node:crypto';
import type { SubmissionEvent } from '../lib/contract/events';
import type { Submission, SubmissionStatus } from '../lib/contract/submission';
import { expect, test } from './support/fixtures';
import { submitViaApi } from './support/tasks';

test('GET /api/submissions/{id}/events: every status change, oldest first', async ({
  request,
  upstream,
  liveApp,
}) => {
  const submission = await submitViaApi(request, liveApp, { prompt: `A heron at dawn ${randomUUID()}` });
  upstream.setTask(submission.taskId ?? '', { status: 'failed', message: 'content moderation: risk' });
  const url = `${liveApp.url}/api/submissions/${submission.id}/events`;
  await expect
    .poll(async () => ((await (await request.get(url)).json()) as { items: SubmissionEvent[] }).items.length)
    .toBe(3);
  const response = await request.get(url);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: SubmissionEvent[] };
  expect(items.map((event) => [event.status, event.source])).toEqual([
    ['pending', 'create'],
    ['submitted', 'create'],
    ['failed', 'poll'],
  ]);
  expect(items[2]?.message).toContain('content moderation');
  const times = items.map((event) => Date.parse(event.at));
  expect(times).toEqual([...times].sort((x, y) => x - y));

  expect((await request.get(`${liveApp.url}/api/submissions/${randomUUID()}/events`)).status()).toBe(404);
});

test('GET /api/submissions/export streams every match as an attachment, with the list’s filters', async ({
  request,
  upstream,
  app,
}) => {
  test.slow(); // 105 submissions one after another, so that their order is known
  const tag = `t${randomUUID().slice(0, 8)}`;
  for (let i = 0; i < 105; i++) await submitViaApi(request, app, { prompt: `${tag} take ${i}` });
  upstream.nextReply({ kind: 'status', status: 400 });
  await request.post(`${app.url}/api/submissions`, { data: { model: 'kling-v1', prompt: `${tag} refused` } });

  const csv = await request.get(`${app.url}/api/submissions/export?format=csv&q=${tag}%20TAKE`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
  expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="submissions-.+\.csv"$/);
  const rows = (await csv.text()).split('\r\n').filter(Boolean);
  expect(rows).toHaveLength(106); // the header and all 105, more than a page of the list can hold
  expect(rows[1]).toContain(`${tag} take 104`);

  const json = await request.get(`${app.url}/api/submissions/export?format=json&q=${tag}&status=failed`);
  expect(json.headers()['content-type']).toContain('application/json');
  expect(json.headers()['content-disposition']).toMatch(/^attachment; filename="submissions-.+\.json"$/);
  const failed = (await json.json()) as Submission[];
  expect(failed.map((s) => [s.status as SubmissionStatus, s.request.prompt])).toEqual([
    ['failed', `${tag} refused`],
  ]);

  const wrong = await request.get(`${app.url}/api/submissions/export?format=xlsx`);
  expect(wrong.status()).toBe(422);
  expect(await wrong.json()).toMatchObject({
    error: { code: 'validation_failed', issues: [{ path: 'format' }] },
  });
});

test('GET /api/openapi.json documents the timeline and the export', async ({ request, app }) => {
  const document = (await (await request.get(`${app.url}/api/openapi.json`)).json()) as {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content: Record<string, unknown> }> }>
    >;
  };
  expect(document.paths['/api/submissions/{id}/events']?.get).toBeDefined();
  expect(
    Object.keys(document.paths['/api/submissions/export']?.get?.responses['200']?.content ?? {}).sort(),
  ).toEqual(['application/json', 'text/csv']);
});
