import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll } from 'vitest';
import type { FakeUpstream } from '@/e2e/fake-upstream/fake-upstream.mjs';
import { setupFakeUpstream } from '@/e2e/fake-upstream/setup-fake-upstream';
import { IN_PROCESS_ORIGIN } from './in-process';
import { signedInAs } from './route-auth';

/**
 * The real `POST /api/submissions` handler on a new embedded database and a fake upstream, called as
 * a signed-in creator: nothing mocked. The per-client limit is off (it has tests of its own), so a
 * file may send thousands of bodies. `post` takes the raw body text.
 */
export function submissionsRoute(name: string): {
  fake: FakeUpstream;
  post: (body: string) => Promise<Response>;
} {
  const apiKey = `sk-${name}-test-key-0123456789`;
  const fake = setupFakeUpstream({ apiKey });
  let handler: (request: Request) => Promise<Response>;
  let authorization = '';
  beforeAll(async () => {
    Object.assign(process.env, {
      KLING_API_BASE_URL: fake.url,
      KLING_API_KEY: apiKey,
      KLING_API_TIMEOUT_MS: '5000',
      RATE_LIMIT_PER_MINUTE: '0',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), `omni-${name}-`)),
    });
    ({ POST: handler } = await import('@/app/api/submissions/route'));
    ({ authorization } = await signedInAs('creator'));
  }, 60_000);
  const post = (body: string) =>
    handler(
      new Request(`${IN_PROCESS_ORIGIN}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body,
      }),
    );
  return { fake, post };
}
