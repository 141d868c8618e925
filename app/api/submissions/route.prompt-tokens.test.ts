import { describe, expect, it } from 'vitest';
import { submissionsRoute } from '@/e2e/support/submissions-route';

// The route handler on a real embedded database and the fake upstream: the server checks prompt
// tokens with the same schema as the composer.
const route = submissionsRoute('prompt-tokens');
const fake = route.fake;
const post = (body: Record<string, unknown>) => route.post(JSON.stringify({ model: 'kling-v1', ...body }));

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
