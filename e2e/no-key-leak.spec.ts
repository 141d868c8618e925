import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openComposer } from './support/composer';
import { expect, TEST_API_KEY, test } from './support/fixtures';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

test('the API key is in no file the browser can load (.next/static)', () => {
  const files = filesUnder(path.join(process.cwd(), '.next', 'static'));
  expect(files.some((file) => file.endsWith('.js'))).toBe(true);
  const leaking = files.filter((file) => readFileSync(file).includes(TEST_API_KEY));
  expect(leaking).toEqual([]);
});

test('the API key is in no page, script or API answer the browser receives, even when the upstream echoes it', async ({
  page,
  upstream,
  request,
  app,
}) => {
  const reads: Promise<{ url: string; body: Buffer } | null>[] = [];
  page.on('response', (response) => {
    // Redirects and aborted loads have no body.
    reads.push(
      response.body().then(
        (body) => ({ url: response.url(), body }),
        () => null,
      ),
    );
  });

  // A success, and a failure whose upstream message quotes the key back.
  const c = await openComposer(page);
  await c.prompt.fill('A clock tower at midnight');
  await c.submit.click();
  await expect(c.success).toBeVisible();
  await c.success.getByRole('link', { name: 'View submission' }).click();
  await expect(page.getByRole('heading', { name: 'Submission' })).toBeVisible();
  const successPath = new URL(page.url()).pathname;

  upstream.nextReply({
    kind: 'status',
    status: 400,
    body: { code: 1000, message: `invalid request for key ${TEST_API_KEY}` },
  });
  await openComposer(page);
  await c.prompt.fill('A clock tower at noon');
  await c.submit.click();
  await expect(c.failure).toContainText('The video service rejected the request');
  await expect(c.failure).not.toContainText(TEST_API_KEY);
  await c.failure.getByRole('link', { name: 'View this attempt in history' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'The video service refused the request' }),
  ).toContainText('upstream_rejected');
  const failedPath = new URL(page.url()).pathname;

  upstream.nextReply({
    kind: 'status',
    status: 500,
    body: { error: { message: `bad token ${TEST_API_KEY}` } },
  });
  const echoed = await request.post('/api/submissions', { data: { model: 'kling-v1', prompt: 'Echo 500' } });
  expect(echoed.status()).toBe(502);

  await page.goto('/submissions');
  await expect(page.getByRole('table')).toBeVisible();
  await page.goto('/submissions/no-such-id');

  // The pages as served (HTML and the data behind client navigation), and the API.
  const fetched = await Promise.all(
    [
      '/',
      '/submissions',
      successPath,
      failedPath,
      '/submissions/no-such-id',
      '/api/submissions?limit=100',
    ].map(async (url) => ({ url, body: await (await request.get(url)).body() })),
  );
  expect(await echoed.text()).not.toContain(TEST_API_KEY);
  const seen = (await Promise.all(reads)).filter((read) => read !== null);
  const all = [...seen, ...fetched];
  expect(all.length).toBeGreaterThan(10);
  expect(all.filter((r) => r.body.includes(TEST_API_KEY)).map((r) => r.url)).toEqual([]);
  // The upstream did receive it, so the checks above looked for something real.
  expect(upstream.createCalls()[0]?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);

  // Nor does the server write it to its log.
  expect(app.output()).not.toContain(TEST_API_KEY);
});
