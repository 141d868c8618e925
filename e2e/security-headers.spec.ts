import { expect, test } from './support/fixtures';

test('pages carry a strict Content-Security-Policy with a fresh nonce that their scripts use', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const first = await page.goto('/');
  const policy = first?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('unsafe-eval');
  // Pictures and videos: this app, any https: host, and plain http: only on this machine (demo, tests).
  for (const directive of ['img-src', 'media-src']) {
    const sources = new RegExp(`${directive} ([^;]*)`).exec(policy)?.[1]?.split(' ') ?? [];
    expect(sources, directive).toEqual(expect.arrayContaining(["'self'", 'https:', 'http://127.0.0.1:*']));
    expect(sources, directive).not.toContain('http:');
  }
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  // Next puts the nonce on the scripts it renders; the page works (the prompt counter follows typing).
  const html = (await first?.text()) ?? '';
  expect(html).toContain(`nonce="${nonce}"`);
  await page.getByLabel('Prompt', { exact: true }).fill('abc');
  await expect(page.getByText(/^3 \/ 2,500 characters/)).toBeVisible();

  const second = await page.goto('/submissions');
  const nextNonce = /'nonce-([^']+)'/.exec(second?.headers()['content-security-policy'] ?? '')?.[1];
  expect(nextNonce).toBeTruthy();
  expect(nextNonce).not.toBe(nonce);
  expect(violations).toEqual([]);
});

test('every answer, page, API or asset, says nosniff and keeps the referrer to this origin', async ({
  request,
}) => {
  for (const path of ['/', '/submissions', '/api/submissions', '/demo/sample-video.webm']) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
  }
  const page = await request.get('/');
  expect(page.headers()['x-frame-options']).toBe('DENY');
  expect(page.headers()['x-powered-by']).toBeUndefined();
});
