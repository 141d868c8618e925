import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { submissionsRoute } from '@/e2e/support/submissions-route';
import { LIMITS } from '@/lib/contract/request-limits';

// The route handler itself, on a real embedded database and a real fake upstream: nothing mocked.
const { fake, post } = submissionsRoute('property');

const KNOWN_FIELDS = new Set([
  'model',
  'prompt',
  'negative_prompt',
  'mode',
  'duration',
  'aspect_ratio',
  'image_list',
  'video_list',
  'element_list',
  'cfg_scale',
  'external_task_id',
  'callback_url',
]);

const httpUrl = fc
  .webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true })
  .filter((url) => url.length <= LIMITS.urlMax && !/\s/.test(url));

let sequence = 0;
/** External task IDs must be unique across the run; a counter keeps generated ones apart. */
const uniqueExternalId = fc
  .stringMatching(/^[A-Za-z0-9_.:-]{1,40}$/)
  .map((id) => `${id}-${(sequence++).toString(36)}`);

/** Any request the app must accept, across every input mode of docs/api.md, "Limits". */
const validRequest = fc
  .record({
    model: fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,63}$/),
    prompt: fc.option(
      fc.string({ minLength: 1, maxLength: 300 }).filter((p) => p.trim() !== ''),
      { nil: undefined },
    ),
    negative_prompt: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
    mode: fc.option(fc.constantFrom('std', 'pro'), { nil: undefined }),
    aspect_ratio: fc.option(fc.constantFrom('16:9', '9:16', '1:1'), { nil: undefined }),
    cfg_scale: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    external_task_id: fc.option(uniqueExternalId, { nil: undefined }),
    callback_url: fc.option(httpUrl, { nil: undefined }),
    inputs: fc.constantFrom('text', 'reference', 'frames', 'video'),
    urls: fc.array(httpUrl, { minLength: 1, maxLength: 3 }),
    elements: fc.array(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { maxLength: 3 }),
    shortDuration: fc.constantFrom('3', '4', '5', '6', '7', '8', '9', '10'),
    basicDuration: fc.constantFrom('5', '10'),
  })
  .map(({ inputs, urls, elements, shortDuration, basicDuration, ...fields }) => {
    const body: Record<string, unknown> = Object.fromEntries(
      Object.entries(fields).filter(([, value]) => value !== undefined),
    );
    const [first = 'https://a.example/1.png', second = 'https://a.example/2.png'] = urls;
    if (inputs === 'text') body.prompt ??= 'a lighthouse at dusk';
    if (inputs === 'reference') body.image_list = urls.map((image_url) => ({ image_url }));
    if (inputs === 'frames')
      body.image_list = [
        { image_url: first, type: 'first_frame' },
        { image_url: second, type: 'end_frame' },
      ];
    if (inputs === 'video')
      body.video_list = [{ video_url: first, refer_type: 'feature', keep_original_sound: 'no' }];
    if (elements.length) body.element_list = elements.map((element_id) => ({ element_id }));
    body.duration = inputs === 'frames' || inputs === 'video' ? shortDuration : basicDuration;
    return body;
  });

type Body = Record<string, unknown>;
type Breaker = (body: Body) => Body;

const badUrl = fc.constantFrom(
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:image/png;base64,AAAA',
  'ftp://files.example.com/a.png',
  '/relative/path.png',
  'example.com/no-scheme.png',
  'http://',
  'https://exa mple.com/space.png',
  `https://example.com/${'a'.repeat(LIMITS.urlMax)}`,
  '',
);
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
);
const notAnEnum = (allowed: string[]) =>
  fc.oneof(
    fc.string().filter((s) => !allowed.includes(s)),
    notAString,
  );

/** Each breaker makes any valid request invalid in one way docs/api.md names. */
const breaker: fc.Arbitrary<Breaker> = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((key) => !KNOWN_FIELDS.has(key) && key !== '__proto__')
    .map((key) => (b: Body) => ({ ...b, [key]: 1 })),
  fc
    .oneof(
      fc.constant(undefined),
      fc.constant(''),
      fc.constant('   '),
      notAString,
      fc.constant('m'.repeat(65)),
    )
    .map((model) => (b: Body) => ({ ...b, model })),
  fc.constant((b: Body) => ({ ...b, prompt: 'p'.repeat(LIMITS.promptMax + 1) })),
  fc.constant((b: Body) => ({ ...b, negative_prompt: 'n'.repeat(LIMITS.promptMax + 1) })),
  notAString.map((prompt) => (b: Body) => ({ ...b, prompt })),
  notAnEnum(['std', 'pro']).map((mode) => (b: Body) => ({ ...b, mode })),
  notAnEnum(['16:9', '9:16', '1:1']).map((aspect_ratio) => (b: Body) => ({ ...b, aspect_ratio })),
  notAnEnum(['3', '4', '5', '6', '7', '8', '9', '10']).map((duration) => (b: Body) => ({ ...b, duration })),
  fc.constantFrom('3', '4', '6', '7', '8', '9').map((duration) => (b: Body) => ({
    ...b,
    image_list: undefined,
    video_list: undefined,
    prompt: 'a text-to-video request',
    duration,
  })),
  badUrl.map((image_url) => (b: Body) => ({ ...b, image_list: [{ image_url }] })),
  badUrl.map((video_url) => (b: Body) => ({ ...b, video_list: [{ video_url }] })),
  badUrl.filter((u) => u !== '').map((callback_url) => (b: Body) => ({ ...b, callback_url })),
  fc.constant((b: Body) => ({ ...b, image_list: [{ image_url: 'https://a.example/x.png', role: 'first' }] })),
  notAnEnum(['first_frame', 'end_frame'])
    .filter((t) => t !== undefined)
    .map((type) => (b: Body) => ({ ...b, image_list: [{ image_url: 'https://a.example/x.png', type }] })),
  fc.constant((b: Body) => ({
    ...b,
    image_list: [
      { image_url: 'https://a.example/1.png', type: 'first_frame' },
      { image_url: 'https://a.example/2.png', type: 'first_frame' },
    ],
  })),
  fc.constant((b: Body) => ({
    ...b,
    image_list: [{ image_url: 'https://a.example/1.png', type: 'end_frame' }],
  })),
  fc.integer({ min: 8, max: 12 }).map((n) => (b: Body) => ({
    ...b,
    video_list: undefined,
    image_list: Array.from({ length: n }, (_, i) => ({ image_url: `https://a.example/${i}.png` })),
  })),
  fc.integer({ min: 5, max: 7 }).map((n) => (b: Body) => ({
    ...b,
    video_list: [{ video_url: 'https://a.example/v.mp4' }],
    element_list: Array.from({ length: n }, (_, i) => ({ element_id: i + 1 })),
  })),
  fc.constant((b: Body) => ({
    ...b,
    video_list: [{ video_url: 'https://a.example/1.mp4' }, { video_url: 'https://a.example/2.mp4' }],
  })),
  fc.constant((b: Body) => ({
    ...b,
    video_list: [{ video_url: 'https://a.example/v.mp4', refer_type: 'base' }],
  })),
  notAnEnum(['yes', 'no'])
    .filter((v) => v !== undefined)
    .map((keep_original_sound) => (b: Body) => ({
      ...b,
      video_list: [{ video_url: 'https://a.example/v.mp4', keep_original_sound }],
    })),
  fc
    .oneof(
      fc.constantFrom(0, -1, 1.5, 2 ** 53, Number.MAX_VALUE),
      fc.integer({ max: 0 }),
      fc.string(),
      fc.constant(null),
    )
    .map((element_id) => (b: Body) => ({ ...b, element_list: [{ element_id }] })),
  fc
    .oneof(
      fc.double({ min: 1.000001, max: 1e9, noNaN: true }),
      fc.double({ min: -1e9, max: -0.000001, noNaN: true }),
      fc.string(),
      fc.constant(null),
    )
    .map((cfg_scale) => (b: Body) => ({ ...b, cfg_scale })),
  fc
    .oneof(
      fc.constant(''),
      fc.constant('x'.repeat(65)),
      fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/^[A-Za-z0-9_.:-]+$/.test(s)),
      notAString,
    )
    .map((external_task_id) => (b: Body) => ({ ...b, external_task_id })),
  fc.constant((b: Body) => ({ model: b.model })),
  // A prompt token past the end of its list names nothing the upstream was sent.
  fc.constantFrom('image', 'element', 'video').map((kind) => (b: Body) => ({
    ...b,
    prompt: `${String(b.prompt ?? 'a scene')} <<<${kind}_8>>>`,
  })),
  fc
    .oneof(fc.string(), fc.integer(), fc.constant({}), fc.constant(null))
    .map((list) => (b: Body) => ({ ...b, image_list: list, prompt: 'x' })),
);

/** A valid request broken one way, serialized; undefined fields drop out as they would from a client. */
const invalidBody = fc.tuple(validRequest, breaker).map(([body, breakIt]) => JSON.stringify(breakIt(body)));

const notAnObject = fc
  .jsonValue()
  .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
  .map((value) => JSON.stringify(value));

const notJson = fc.string().filter((text) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});

describe('POST /api/submissions with generated bodies', () => {
  it('answers every one of 10,000 invalid bodies with a 4xx error envelope and forwards none', async () => {
    const callsBefore = fake.createCalls().length;
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 17, arbitrary: invalidBody },
          { weight: 2, arbitrary: notAnObject },
          { weight: 1, arbitrary: notJson },
        ),
        async (body) => {
          const response = await post(body);
          const payload = await response.json();
          checked++;
          expect(response.status, body).toBeGreaterThanOrEqual(400);
          expect(response.status, body).toBeLessThan(500);
          expect(['validation_failed', 'invalid_json', 'payload_too_large']).toContain(payload.error?.code);
          expect(typeof payload.error.message).toBe('string');
          if (payload.error.code === 'validation_failed')
            expect(payload.error.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 10_000 },
    );
    expect(checked).toBe(10_000);
    expect(fake.createCalls().length).toBe(callsBefore);
  }, 300_000);

  it('forwards every generated valid body upstream as sent, plus a generated external_task_id when absent', async () => {
    await fc.assert(
      fc.asyncProperty(validRequest, async (body) => {
        const before = fake.createCalls().length;
        const response = await post(JSON.stringify(body));
        const created = await response.json();
        expect(response.status, JSON.stringify(created)).toBe(201);
        const calls = fake.createCalls();
        expect(calls.length).toBe(before + 1);
        const expected = { ...body, external_task_id: body.external_task_id ?? created.externalTaskId };
        expect(calls.at(-1)?.body).toEqual(expected);
        expect(created.request).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  }, 300_000);
});
