import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupFakeUpstream } from '@/e2e/fake-upstream/setup-fake-upstream';
import { signedInAs } from '@/e2e/support/route-auth';

// The route handler on a real embedded database and the fake upstream: the server checks prompt
// tokens with the same schema as the composer.
const API_KEY = 'sk-prompt-token-test-key-0123456789';
const fake = setupFakeUpstream({ apiKey: API_KEY });
let POST: (request: Request) => Promise<Response>;
let authorization = '';

beforeAll(async () => {
  Object.assign(process.env, {
    KLING_API_BASE_URL: fake.url,
    KLING_API_KEY: API_KEY,
    KLING_API_TIMEOUT_MS: '5000',
    RATE_LIMIT_PER_MINUTE: '0',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'omni-prompt-tokens-')),
  });
  ({ POST } = await import('./route'));
  ({ authorization } = await signedInAs('creator'));
}, 60_000);

const post = (body: Record<string, unknown>) =>
  POST(
    new Request('http://localhost:3000/api/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ model: 'kling-v1', ...body }),
    }),
  );

const IMAGES = [{ image_url: 'https://a.example/1.png' }, { image_url: 'https://a.example/2.png' }];

describe('POST /api/submissions: prompt tokens', () => {
  it('answers 422 with an issue at prompt for a token that names no item, and sends nothing', async () => {
    const response = await post({ prompt: 'The cat of <<<image_3>>> sleeps', image_list: IMAGES });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: {
        code: 'validation_failed',
        message: expect.any(String),
        issues: [{ path: 'prompt', message: '<<<image_3>>> refers to image 3, but there are 2 images.' }],
      },
    });
    expect(fake.createCalls()).toEqual([]);
  });

  it('forwards a prompt whose tokens all name items, exactly as written', async () => {
    const prompt = '<<<image_2>>> chases <<<image_1>>>';
    const response = await post({ prompt, image_list: IMAGES });
    expect(response.status).toBe(201);
    expect(fake.createCalls()).toHaveLength(1);
    expect(fake.createCalls()[0]?.body).toMatchObject({ prompt, image_list: IMAGES });
  });
});
