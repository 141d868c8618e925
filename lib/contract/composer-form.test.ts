import { describe, expect, it } from 'vitest';
import {
  type ComposerValues,
  EMPTY_COMPOSER_VALUES,
  formToRequestBody,
  hasWork,
  requestToFormValues,
} from './composer-form';
import { composerSchema } from './composer-schema';
import { validateSubmissionRequest } from './validation-issues';

function values(overrides: Partial<ComposerValues>): ComposerValues {
  return { ...EMPTY_COMPOSER_VALUES, ...overrides };
}

/** The dotted paths the composer's fields are registered under, for each problem the schema finds. */
function errorPaths(form: ComposerValues): string[] {
  const result = composerSchema.safeParse(form);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

const IMAGE = 'https://cdn.example.com/cat.png';
const VIDEO = 'https://cdn.example.com/clip.mp4';

describe('formToRequestBody', () => {
  it('sends only the model and the chosen selects when nothing was typed', () => {
    expect(formToRequestBody(EMPTY_COMPOSER_VALUES)).toStrictEqual({
      model: 'kling-v1',
      mode: 'std',
      duration: '5',
      aspect_ratio: '16:9',
    });
  });

  it('leaves out empty text fields and empty lists', () => {
    const body = formToRequestBody(
      values({ prompt: 'a fox', negative_prompt: '', callback_url: '', cfg_scale: '  ' }),
    );
    expect(body).not.toHaveProperty('negative_prompt');
    expect(body).not.toHaveProperty('callback_url');
    expect(body).not.toHaveProperty('external_task_id');
    expect(body).not.toHaveProperty('cfg_scale');
    expect(body).not.toHaveProperty('image_list');
    expect(body).not.toHaveProperty('video_list');
    expect(body).not.toHaveProperty('element_list');
    expect(body.prompt).toBe('a fox');
  });

  it('turns typed numbers into numbers', () => {
    const body = formToRequestBody(values({ cfg_scale: '0.25', element_list: [{ element_id: ' 42 ' }] }));
    expect(body.cfg_scale).toBe(0.25);
    expect(body.element_list).toStrictEqual([{ element_id: 42 }]);
  });

  it('passes text that is not a number on as text, for the schema to reject', () => {
    const body = formToRequestBody(values({ cfg_scale: 'half', element_list: [{ element_id: 'x1' }] }));
    expect(body.cfg_scale).toBe('half');
    expect(body.element_list).toStrictEqual([{ element_id: 'x1' }]);
  });

  it('always sends refer_type "feature" for a video', () => {
    const body = formToRequestBody(
      values({ video_list: [{ video_url: VIDEO, keep_original_sound: 'yes' }] }),
    );
    expect(body.video_list).toStrictEqual([
      { video_url: VIDEO, refer_type: 'feature', keep_original_sound: 'yes' },
    ]);
  });

  it('sends an image without a frame role as a plain reference image', () => {
    const body = formToRequestBody(
      values({
        image_list: [
          { image_url: IMAGE, type: '' },
          { image_url: IMAGE, type: 'first_frame' },
        ],
      }),
    );
    expect(body.image_list).toStrictEqual([{ image_url: IMAGE }, { image_url: IMAGE, type: 'first_frame' }]);
  });

  it('keeps what the creator typed verbatim (no trimming of prompts)', () => {
    expect(formToRequestBody(values({ prompt: '  two spaces  ' })).prompt).toBe('  two spaces  ');
  });
});

describe('requestToFormValues', () => {
  const request = {
    model: 'kling-v1-6',
    prompt: 'A paper boat drifts down a rain-soaked street',
    negative_prompt: 'blurry',
    mode: 'pro',
    duration: '7',
    aspect_ratio: '9:16',
    image_list: [{ image_url: IMAGE, type: 'first_frame' }, { image_url: IMAGE }],
    video_list: [{ video_url: VIDEO, refer_type: 'feature', keep_original_sound: 'no' }],
    element_list: [{ element_id: 101 }],
    cfg_scale: 0.75,
    external_task_id: 'shot-7',
    callback_url: 'https://hooks.example.com/kling',
  };

  it('round-trips a stored request back into the same body', () => {
    const form = requestToFormValues(request, { keepExternalTaskId: true });
    expect(formToRequestBody(form)).toStrictEqual(request);
    expect(composerSchema.safeParse(form).success).toBe(true);
  });

  it('clears the external task ID when reusing a request, since it must be unique', () => {
    const form = requestToFormValues(request, { keepExternalTaskId: false });
    expect(form.external_task_id).toBe('');
    expect(formToRequestBody(form)).not.toHaveProperty('external_task_id');
  });

  it('falls back to defaults for a corrupt draft instead of breaking the page', () => {
    const form = requestToFormValues(
      {
        model: 7,
        mode: 'turbo',
        duration: 5,
        aspect_ratio: null,
        image_list: 'nope',
        element_list: [null, { element_id: 3 }],
      },
      { keepExternalTaskId: true },
    );
    expect(form).toStrictEqual({
      ...EMPTY_COMPOSER_VALUES,
      model: '7',
      element_list: [{ element_id: '3' }],
    });
  });
});

describe('composerSchema', () => {
  it('accepts the empty composer once a prompt is typed, and sends the same body the route validates', () => {
    const form = values({ prompt: 'a fox in the snow' });
    const parsed = composerSchema.parse(form);
    expect(parsed).toStrictEqual(formToRequestBody(form));
    expect(validateSubmissionRequest(formToRequestBody(form)).ok).toBe(true);
  });

  it('reports errors under the names the form fields are registered with', () => {
    const paths = errorPaths(
      values({
        model: '',
        cfg_scale: '2',
        external_task_id: 'has space',
        callback_url: 'ftp://x',
        image_list: [{ image_url: 'not a url', type: 'end_frame' }],
        video_list: [{ video_url: '', keep_original_sound: 'no' }],
        element_list: [{ element_id: '1.5' }, { element_id: '' }],
      }),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'model',
        'cfg_scale',
        'external_task_id',
        'callback_url',
        'image_list.0.image_url',
        'image_list.0.type',
        'video_list.0.video_url',
        'element_list.0.element_id',
        'element_list.1.element_id',
      ]),
    );
    for (const path of paths) expect(path.split('.')[0]).toMatch(/^[a-z_]+$/);
  });

  it('puts a prompt token that names no item on the Prompt field, as the route does', () => {
    const form = values({
      prompt: 'Like <<<image_2>>>',
      image_list: [{ image_url: 'https://a.example/1.png', type: '' }],
    });
    expect(errorPaths(form)).toEqual(['prompt']);
    const route = validateSubmissionRequest(formToRequestBody(form));
    expect(route.ok ? [] : route.issues).toEqual([
      { path: 'prompt', message: '<<<image_2>>> refers to image 2, but there is 1 image.' },
    ]);
  });

  it('asks for an input when the prompt is empty and no list has items', () => {
    expect(errorPaths(values({}))).toEqual(['prompt']);
  });

  it('shows the duration rule on the Duration field', () => {
    expect(errorPaths(values({ prompt: 'x', duration: '3' }))).toEqual(['duration']);
    expect(
      errorPaths(
        values({ prompt: 'x', duration: '3', video_list: [{ video_url: VIDEO, keep_original_sound: 'no' }] }),
      ),
    ).toEqual([]);
  });

  it('shows list-level count errors on the list', () => {
    const image_list = Array.from({ length: 8 }, () => ({ image_url: IMAGE, type: '' as const }));
    expect(errorPaths(values({ image_list }))).toEqual(['image_list']);
  });
});

describe('hasWork', () => {
  it('is false for an empty form, whatever model and presets are chosen', () => {
    expect(hasWork(EMPTY_COMPOSER_VALUES)).toBe(false);
    expect(hasWork({ ...EMPTY_COMPOSER_VALUES, model: 'kling-v2', mode: 'pro', duration: '10' })).toBe(false);
  });

  it('is true once anything was typed or added', () => {
    expect(hasWork({ ...EMPTY_COMPOSER_VALUES, prompt: 'a' })).toBe(true);
    expect(hasWork({ ...EMPTY_COMPOSER_VALUES, callback_url: 'h' })).toBe(true);
    expect(hasWork({ ...EMPTY_COMPOSER_VALUES, element_list: [{ element_id: '' }] })).toBe(true);
  });
});
