import { describe, expect, it } from 'vitest';
import { CREATE_TASK_PATH, controlFakeUpstream } from './fake-upstream.mjs';
import { setupFakeUpstream } from './setup-fake-upstream';

// The HTTP control API is what Playwright specs and benchmarks in other processes rely on.
const KEY = 'sk-fake-upstream-test';
const fake = setupFakeUpstream({ apiKey: KEY });

const create = (body: unknown, key = KEY) =>
  fetch(`${fake.url}${CREATE_TASK_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('fake upstream', () => {
  it('answers a create call with an OpenAI video object and records it', async () => {
    const response = await create({ model: 'kling-v2', prompt: 'x' });
    const video = await response.json();
    expect(response.status).toBe(200);
    expect(video).toStrictEqual({
      id: expect.stringMatching(/^\d{18}$/),
      task_id: video.id,
      object: 'video',
      model: 'kling-v2',
      created_at: expect.any(Number),
    });
    expect(fake.createCalls()).toMatchObject([
      { method: 'POST', path: CREATE_TASK_PATH, body: { model: 'kling-v2', prompt: 'x' } },
    ]);
  });

  it('refuses a wrong key with 401 and keeps queued replies for the next authorised call', async () => {
    fake.nextReply({ kind: 'status', status: 418 });
    expect((await create({}, 'wrong')).status).toBe(401);
    expect((await create({})).status).toBe(418);
  });

  it('is driven over HTTP: queued replies in order, then the default', async () => {
    const control = controlFakeUpstream(fake.url);
    await control.nextReply({ kind: 'status', status: 429, headers: { 'retry-after': '3' } });
    await control.nextReply({ kind: 'raw', status: 200, contentType: 'text/plain', text: 'hello' });
    await control.setDefault({ kind: 'status', status: 503 });

    const first = await create({ n: 1 });
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '3']);
    expect(await (await create({ n: 2 })).text()).toBe('hello');
    expect((await create({ n: 3 })).status).toBe(503);
    expect((await control.createCalls()).map((call) => call.body)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);

    await control.reset();
    expect(await control.requests()).toEqual([]);
    expect((await create({})).status).toBe(200);
  });

  it('refuses an unknown behaviour', async () => {
    const response = await fetch(`${fake.url}/__control/next`, {
      method: 'POST',
      body: '{"kind":"explode"}',
    });
    expect(response.status).toBe(400);
  });

  it('answers the status query for a task it created, by either ID', async () => {
    const video = await (await create({ model: 'kling-v1', external_task_id: 'ext-1' })).json();
    for (const id of [video.id, 'ext-1']) {
      const reply = await fetch(`${fake.url}${CREATE_TASK_PATH}/${id}`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(await reply.json()).toMatchObject({
        code: 0,
        data: { task_id: video.id, task_status: 'submitted' },
      });
    }
    expect(
      (await fetch(`${fake.url}${CREATE_TASK_PATH}/nope`, { headers: { authorization: `Bearer ${KEY}` } }))
        .status,
    ).toBe(404);
  });
});
