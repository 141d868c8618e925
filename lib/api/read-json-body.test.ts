import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { readJsonObject } from './read-json-body';

const LIMIT = 64 * 1024;

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request('http://app.test/api/submissions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/** A JSON object of exactly `bytes` bytes. */
function objectOfSize(bytes: number): string {
  const shell = '{"prompt":""}';
  return `{"prompt":"${'a'.repeat(bytes - shell.length)}"}`;
}

async function failure(request: Request): Promise<AppError> {
  const error = await readJsonObject(request).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('readJsonObject', () => {
  it('reads a JSON object', async () => {
    await expect(readJsonObject(post('{"model":"kling-v1","prompt":"héllo"}'))).resolves.toStrictEqual({
      model: 'kling-v1',
      prompt: 'héllo',
    });
  });

  it('accepts a body of exactly 64 KiB', async () => {
    const text = objectOfSize(LIMIT);
    expect(Buffer.byteLength(text)).toBe(LIMIT);
    const body = await readJsonObject(post(text));
    expect(body.prompt).toHaveLength(LIMIT - 13);
  });

  it('refuses 64 KiB + 1 byte with payload_too_large (413)', async () => {
    const error = await failure(post(objectOfSize(LIMIT + 1)));
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(error.message).toContain('64 KiB');
  });

  it('counts bytes, not characters', async () => {
    const text = `{"prompt":"${'é'.repeat(LIMIT / 2)}"}`;
    expect(text.length).toBeLessThan(LIMIT);
    expect((await failure(post(text))).code).toBe('payload_too_large');
  });

  it('refuses at once when Content-Length announces too much', async () => {
    const error = await failure(post('{}', { 'content-length': String(LIMIT + 1) }));
    expect(error.code).toBe('payload_too_large');
  });

  it('stops reading a streamed body that passes the limit, whatever it announced', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode(`{"p":"${'x'.repeat(16 * 1024)}`));
      },
    });
    const error = await failure(post(endless, { 'content-length': '10' }));
    expect(error.code).toBe('payload_too_large');
    expect(pulled).toBeLessThan(10);
  });

  it.each([
    ['malformed JSON', '{"model":'],
    ['an empty body', ''],
    ['an array', '[{"model":"kling-v1"}]'],
    ['null', 'null'],
    ['a string', '"kling-v1"'],
    ['a number', '42'],
  ])('refuses %s with invalid_json (400)', async (_, text) => {
    const error = await failure(post(text));
    expect(error).toMatchObject({ code: 'invalid_json', status: 400 });
    expect(error.message).toMatch(/JSON/);
  });

  it('refuses bytes that are not UTF-8 with invalid_json', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect((await failure(post(bytes))).code).toBe('invalid_json');
  });

  it('refuses a request with no body at all with invalid_json', async () => {
    expect((await failure(post(null))).code).toBe('invalid_json');
  });

  it.each([
    ['at the top', '{"model":"kling-v1","prompt":"shown","prompt":"sent"}', 'prompt'],
    ['written with an escape', '{"prompt":"a","pr\\u006fmpt":"b"}', 'prompt'],
    [
      'in a list item',
      '{"image_list":[{"image_url":"https://a.example/1.png","image_url":"https://b.example/2.png"}]}',
      'image_url',
    ],
  ])('refuses a key repeated %s with invalid_json (400), naming it', async (_, text, key) => {
    const error = await failure(post(text));
    expect(error).toMatchObject({ code: 'invalid_json', status: 400 });
    expect(error.message).toContain(`"${key}"`);
  });

  it('accepts the same key in different objects, and key-like text inside values', async () => {
    const text =
      '{"image_list":[{"image_url":"https://a.example/x.png"},{"image_url":"https://a.example/y.png"}],"prompt":"\\"prompt\\": a, \\"prompt\\":b"}';
    await expect(readJsonObject(post(text))).resolves.toStrictEqual(JSON.parse(text));
  });
});
