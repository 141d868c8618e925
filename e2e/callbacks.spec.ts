import { randomUUID } from 'node:crypto';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import type { Submission } from '../lib/contract/submission';
import type { AppProcess } from './support/app-process';
import { composer, openComposer } from './support/composer';
import { callbackUrlOf, expect, TEST_CALLBACK_TOKEN, test } from './support/fixtures';
import { detailUrl, getSubmission, openRawJson, statusBadge, submitViaApi } from './support/tasks';

// Every app here is `quietApp`: its background follower never asks the upstream during a test, so
// whatever changes was changed by the callback the test posted, playing the upstream.

const MASKED = '********';

/** Posts a callback body to the app's callback route; `token` null leaves the parameter out. */
function postCallback(
  request: APIRequestContext,
  app: AppProcess,
  body: unknown,
  token: string | null = TEST_CALLBACK_TOKEN,
): Promise<APIResponse> {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return request.post(`${app.url}/api/callbacks/kling${query}`, { data: body });
}

async function expectOutcome(response: APIResponse, outcome: string): Promise<void> {
  expect(response.status(), await response.text()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, outcome });
}

/** What a callback may change; `refreshedAt` (last time the app asked the upstream) is not among them. */
const statusFields = ({ status, taskId, statusMessage, video, error, updatedAt }: Submission) => ({
  status,
  taskId,
  statusMessage,
  video,
  error,
  updatedAt,
});

async function deliveries(request: APIRequestContext, app: AppProcess, id: string) {
  const response = await request.get(`${app.url}/api/submissions/${id}/callbacks`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: { taskStatus: string | null; outcome: string }[] }).items;
}

test.beforeEach(({ upstream }) => {
  upstream.reset();
});

test('a callback with a wrong or missing token gets 401 invalid_callback_token and changes nothing', async ({
  request,
  upstream,
  quietApp,
}) => {
  const submission = await submitViaApi(request, quietApp, { prompt: `A red door ${randomUUID()}` });
  const taskId = submission.taskId ?? '';
  upstream.setTask(taskId, { status: 'succeeded', videoUrl: `${quietApp.url}/demo/sample-video.webm` });
  const body = upstream.callbackBody(taskId);

  for (const token of [
    null,
    '',
    'wrong-token',
    `${TEST_CALLBACK_TOKEN}x`,
    TEST_CALLBACK_TOKEN.toUpperCase(),
  ]) {
    const response = await postCallback(request, quietApp, body, token);
    expect(response.status(), `token ${JSON.stringify(token)}`).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      error: { code: 'invalid_callback_token', message: expect.any(String) },
    });
    expect(text).not.toContain(TEST_CALLBACK_TOKEN);
  }
  // The token only counts in the query string the app gave out, not in a header or the body.
  const inHeader = await request.post(`${quietApp.url}/api/callbacks/kling`, {
    data: { ...body, token: TEST_CALLBACK_TOKEN },
    headers: { authorization: `Bearer ${TEST_CALLBACK_TOKEN}` },
  });
  expect(inHeader.status()).toBe(401);

  const after = await getSubmission(request, quietApp, submission.id);
  expect(statusFields(after)).toEqual(statusFields(submission));
  expect(after.status).toBe('submitted');
  // Refused deliveries are not even logged on the submission.
  expect(await deliveries(request, quietApp, submission.id)).toEqual([]);

  // The same body with the right token is taken.
  await expectOutcome(await postCallback(request, quietApp, body), 'applied');
  expect((await getSubmission(request, quietApp, submission.id)).status).toBe('succeeded');
});

test('a good callback applies; the same callback again is a duplicate and changes nothing', async ({
  request,
  upstream,
  quietApp,
}) => {
  const submission = await submitViaApi(request, quietApp, { prompt: `A blue boat ${randomUUID()}` });
  const taskId = submission.taskId ?? '';

  upstream.setTask(taskId, { status: 'processing', message: 'rendering' });
  const processing = upstream.callbackBody(taskId);
  await expectOutcome(await postCallback(request, quietApp, processing), 'applied');
  const afterProcessing = await getSubmission(request, quietApp, submission.id);
  expect(afterProcessing).toMatchObject({ status: 'processing', statusMessage: 'rendering', taskId });

  await expectOutcome(await postCallback(request, quietApp, processing), 'duplicate');
  expect(statusFields(await getSubmission(request, quietApp, submission.id))).toEqual(
    statusFields(afterProcessing),
  );

  const url = `${quietApp.url}/demo/sample-video.webm`;
  upstream.setTask(taskId, { status: 'succeeded', videoUrl: url, duration: 5 });
  const succeeded = upstream.callbackBody(taskId);
  await expectOutcome(await postCallback(request, quietApp, succeeded), 'applied');
  const done = await getSubmission(request, quietApp, submission.id);
  expect(done).toMatchObject({ status: 'succeeded', video: { url, duration: 5 }, error: null });
  expect(Date.parse(done.updatedAt)).toBeGreaterThan(Date.parse(afterProcessing.updatedAt));

  await expectOutcome(await postCallback(request, quietApp, succeeded), 'duplicate');
  expect(statusFields(await getSubmission(request, quietApp, submission.id))).toEqual(statusFields(done));

  // Every delivery is logged on the submission, newest first, with what the app made of it.
  expect(await deliveries(request, quietApp, submission.id)).toMatchObject([
    { taskStatus: 'succeed', outcome: 'duplicate' },
    { taskStatus: 'succeed', outcome: 'applied' },
    { taskStatus: 'processing', outcome: 'duplicate' },
    { taskStatus: 'processing', outcome: 'applied' },
  ]);
});

test('a callback older than the stored status (out of order) is stale and changes nothing', async ({
  request,
  upstream,
  quietApp,
}) => {
  const submission = await submitViaApi(request, quietApp, { prompt: `A green hill ${randomUUID()}` });
  const taskId = submission.taskId ?? '';
  const t0 = Date.now();

  // Two progress reports sent in order, delivered the other way round.
  upstream.setTask(taskId, { status: 'processing', message: 'step 1 of 2', updatedAt: t0 + 1_000 });
  const older = upstream.callbackBody(taskId);
  upstream.setTask(taskId, { status: 'processing', message: 'step 2 of 2', updatedAt: t0 + 2_000 });
  const newer = upstream.callbackBody(taskId);

  await expectOutcome(await postCallback(request, quietApp, newer), 'applied');
  const afterNewer = await getSubmission(request, quietApp, submission.id);
  expect(afterNewer).toMatchObject({ status: 'processing', statusMessage: 'step 2 of 2' });
  await expectOutcome(await postCallback(request, quietApp, older), 'stale');
  expect(statusFields(await getSubmission(request, quietApp, submission.id))).toEqual(
    statusFields(afterNewer),
  );

  // A "processing" arriving after "succeeded", even one stamped later, never takes the task back.
  const url = `${quietApp.url}/demo/sample-video.webm`;
  upstream.setTask(taskId, { status: 'succeeded', videoUrl: url, updatedAt: t0 + 3_000 });
  await expectOutcome(await postCallback(request, quietApp, upstream.callbackBody(taskId)), 'applied');
  const done = await getSubmission(request, quietApp, submission.id);
  expect(done.status).toBe('succeeded');
  for (const late of [older, newer, { ...newer, updated_at: t0 + 4_000, created_at: t0 + 4_000 }]) {
    await expectOutcome(await postCallback(request, quietApp, late), 'stale');
  }
  // A "submitted" replayed from the start of the task is stale as well.
  upstream.setTask(taskId, { status: 'submitted', updatedAt: t0 });
  await expectOutcome(await postCallback(request, quietApp, upstream.callbackBody(taskId)), 'stale');
  expect(statusFields(await getSubmission(request, quietApp, submission.id))).toEqual(statusFields(done));
});

test('a callback that names only the external task ID finds its submission', async ({
  request,
  upstream,
  quietApp,
}) => {
  const externalTaskId = `e2e-cb-${randomUUID()}`;
  const submission = await submitViaApi(request, quietApp, {
    prompt: `A white cat ${randomUUID()}`,
    external_task_id: externalTaskId,
  });
  const taskId = submission.taskId ?? '';
  upstream.setTask(taskId, { status: 'processing', message: 'halfway' });
  const { task_id: _taskId, ...withoutTaskId } = upstream.callbackBody(taskId);
  expect(withoutTaskId.task_info).toEqual({ external_task_id: externalTaskId });

  await expectOutcome(await postCallback(request, quietApp, withoutTaskId), 'applied');
  expect(await getSubmission(request, quietApp, submission.id)).toMatchObject({
    status: 'processing',
    statusMessage: 'halfway',
    taskId,
  });

  // A callback about a task this app never sent is acknowledged (so the upstream stops retrying) and changes nothing.
  const stranger = { ...withoutTaskId, task_info: { external_task_id: `e2e-unknown-${randomUUID()}` } };
  await expectOutcome(await postCallback(request, quietApp, stranger), 'unknown_task');
  expect((await getSubmission(request, quietApp, submission.id)).statusMessage).toBe('halfway');
});

test('with APP_PUBLIC_URL and no Callback URL the upstream gets the app’s own callback URL; pages and API show its token masked', async ({
  page,
  request,
  upstream,
  quietApp,
}) => {
  const prompt = `A windmill in fog ${randomUUID()}`;
  const c = await openComposer(page, `${quietApp.url}/`);
  await c.prompt.fill(prompt);
  await expect(c.callbackUrl).toHaveValue('');
  await c.submit.click();
  await expect(c.success).toBeVisible();

  // The upstream is told where to call, with the real token.
  const [call] = upstream.createCalls();
  expect(upstream.createCalls()).toHaveLength(1);
  const sent = call?.body as Record<string, unknown>;
  expect(sent.callback_url).toBe(callbackUrlOf(quietApp));
  const masked = `${quietApp.url}/api/callbacks/kling?token=${MASKED}`;

  // The API shows the request with the token masked, everywhere it shows it.
  const list = await request.get(`${quietApp.url}/api/submissions?q=${encodeURIComponent(prompt)}`);
  const listText = await list.text();
  expect(listText).not.toContain(TEST_CALLBACK_TOKEN);
  const [listed] = (JSON.parse(listText) as { items: Submission[] }).items;
  expect(listed?.request.callback_url).toBe(masked);
  const id = listed?.id ?? '';
  const one = await request.get(`${quietApp.url}/api/submissions/${id}`);
  const oneText = await one.text();
  expect(oneText).not.toContain(TEST_CALLBACK_TOKEN);
  expect((JSON.parse(oneText) as Submission).request).toEqual({ ...sent, callback_url: masked });

  // So does the detail page, and the HTML (with its embedded data) of both pages.
  await c.success.getByRole('link', { name: 'View submission' }).click();
  await expect(statusBadge(page)).toHaveText('Submitted');
  await openRawJson(page);
  await expect(page.getByRole('region', { name: 'Request JSON' })).toContainText(masked);
  expect(await page.content()).not.toContain(TEST_CALLBACK_TOKEN);
  const detailHtml = await (await request.get(detailUrl(quietApp, id))).text();
  expect(detailHtml).toContain(MASKED);
  expect(detailHtml).not.toContain(TEST_CALLBACK_TOKEN);
  expect(await (await request.get(`${quietApp.url}/submissions`)).text()).not.toContain(TEST_CALLBACK_TOKEN);

  // Playing the upstream: it calls the URL it was given. The Callbacks table lists each delivery.
  const callbacks = page.getByRole('table', { name: 'Callback deliveries, newest first' });
  await expect(page.getByText('No callbacks received for this task.')).toBeVisible();
  const taskId = upstream.taskIds()[0] ?? '';
  upstream.setTask(taskId, { status: 'processing' });
  const processing = upstream.callbackBody(taskId);
  await expectOutcome(await request.post(String(sent.callback_url), { data: processing }), 'applied');
  await expect(statusBadge(page)).toHaveText('Processing');
  await expect(callbacks.getByRole('row')).toHaveCount(2); // header + one delivery
  await expect(callbacks.getByRole('row').nth(1)).toContainText('processing');
  await expect(callbacks.getByRole('row').nth(1)).toContainText('Applied');

  await expectOutcome(await request.post(String(sent.callback_url), { data: processing }), 'duplicate');
  await expect(callbacks.getByRole('row')).toHaveCount(3);
  await expect(callbacks.getByRole('row').nth(1)).toContainText('Nothing new (same status)');

  upstream.setTask(taskId, { status: 'succeeded', videoUrl: `${quietApp.url}/demo/sample-video.webm` });
  await expectOutcome(
    await request.post(String(sent.callback_url), { data: upstream.callbackBody(taskId) }),
    'applied',
  );
  await expect(statusBadge(page)).toHaveText('Succeeded');
  // The last delivery, the one that finished the task, is listed too.
  await expect(callbacks.getByRole('row')).toHaveCount(4);
  await expect(callbacks.getByRole('row').nth(1)).toContainText('succeed');
  await expect(callbacks.getByRole('row').nth(1)).toContainText('Applied');
  expect(await page.content()).not.toContain(TEST_CALLBACK_TOKEN);
});

test('Reuse in composer on a request with the app’s own callback URL sends the real token again, not the mask', async ({
  page,
  request,
  upstream,
  quietApp,
}) => {
  const first = await submitViaApi(request, quietApp, { prompt: `A lighthouse at dusk ${randomUUID()}` });
  const masked = `${quietApp.url}/api/callbacks/kling?token=${MASKED}`;
  expect(first.request.callback_url).toBe(masked);

  await page.goto(detailUrl(quietApp, first.id));
  await page.getByRole('link', { name: 'Reuse in composer' }).click();
  const c = composer(page);
  // The composer shows the request as history does: the token stays masked on the page.
  await expect(c.callbackUrl).toHaveValue(masked);
  await c.submit.click();
  await expect(c.success).toBeVisible();

  const calls = upstream.createCalls();
  expect(calls).toHaveLength(2);
  expect(calls[1]?.body).toMatchObject({ callback_url: callbackUrlOf(quietApp) });
  expect(await page.content()).not.toContain(TEST_CALLBACK_TOKEN);
});

test('a Callback URL the creator gives is forwarded and shown as given', async ({
  request,
  upstream,
  quietApp,
}) => {
  const callbackUrl = 'https://hooks.example.com/kling/done?user=42';
  const submission = await submitViaApi(request, quietApp, {
    prompt: `A paper crane ${randomUUID()}`,
    callback_url: callbackUrl,
  });
  const [call] = upstream.createCalls();
  expect(call?.body).toMatchObject({ callback_url: callbackUrl });
  expect(submission.request.callback_url).toBe(callbackUrl);
});
