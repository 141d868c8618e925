import { describe, expect, it } from 'vitest';
import { type ValidationIssue, validateSubmissionRequest } from './validation-issues';

const IMAGE = 'https://cdn.example.com/cat.png';
const VIDEO = 'https://cdn.example.com/clip.mp4';

function image(type?: 'first_frame' | 'end_frame') {
  return type ? { image_url: IMAGE, type } : { image_url: IMAGE };
}
const video = { video_url: VIDEO, refer_type: 'feature', keep_original_sound: 'yes' };
const elements = (n: number) => Array.from({ length: n }, (_, i) => ({ element_id: i + 1 }));
const images = (n: number) => Array.from({ length: n }, () => image());

function accepts(body: Record<string, unknown>) {
  const result = validateSubmissionRequest(body);
  expect(result.ok ? [] : result.issues).toEqual([]);
}

/** The issues of a rejected body; fails the test when it was accepted. */
function issuesOf(body: unknown): ValidationIssue[] {
  const result = validateSubmissionRequest(body);
  if (result.ok) throw new Error(`expected ${JSON.stringify(body)} to be rejected`);
  return result.issues;
}

/** Asserts exactly one issue sits at `path` and its message names the field as a creator would read it. */
function rejects(body: unknown, path: string, words: RegExp) {
  const issues = issuesOf(body);
  const at = issues.filter((issue) => issue.path === path);
  expect(at, `issues were ${JSON.stringify(issues)}`).toHaveLength(1);
  expect(at[0]?.message).toMatch(words);
}

const base = { model: 'kling-v1', prompt: 'a cat surfing a wave at sunset' };

describe('submission request: model', () => {
  it('accepts a model of up to 64 characters', () => {
    accepts({ ...base, model: 'm'.repeat(64) });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
  ])('rejects a %s model as required', (_, model) => {
    rejects({ ...base, model }, 'model', /Model is required/);
  });

  it('rejects a model of 65 characters', () => {
    rejects({ ...base, model: 'm'.repeat(65) }, 'model', /Model is too long: at most 64/);
  });

  it('rejects a model that is not text', () => {
    rejects({ ...base, model: 1 }, 'model', /Model must be text/);
  });
});

describe('submission request: inputs', () => {
  it('rejects a request with no prompt, image, video or element', () => {
    rejects({ model: 'kling-v1' }, 'prompt', /prompt, or at least one image, video or element/i);
  });

  it('counts a blank prompt as no input', () => {
    rejects({ model: 'kling-v1', prompt: '  \n ' }, 'prompt', /prompt/i);
  });

  it.each([
    ['an image', { image_list: [image()] }],
    ['a video', { video_list: [video] }],
    ['an element', { element_list: elements(1) }],
  ])('accepts %s without a prompt', (_, inputs) => {
    accepts({ model: 'kling-v1', ...inputs });
  });

  it('accepts prompts of 2,500 characters and rejects 2,501', () => {
    accepts({ ...base, prompt: 'p'.repeat(2500), negative_prompt: 'n'.repeat(2500) });
    rejects({ ...base, prompt: 'p'.repeat(2501) }, 'prompt', /Prompt is too long: at most 2,500/);
    rejects({ ...base, negative_prompt: 'n'.repeat(2501) }, 'negative_prompt', /Negative prompt is too long/);
  });
});

describe('submission request: enums', () => {
  it.each([
    ['mode', 'fast', /Mode must be "std" or "pro"/],
    ['aspect_ratio', '4:3', /Aspect ratio must be "16:9", "9:16" or "1:1"/],
    ['duration', '11', /Duration must be a whole number of seconds from "3" to "10"/],
    ['duration', 5, /Duration/],
    ['duration', '2', /Duration/],
  ])('rejects %s %j', (field, value, words) => {
    rejects({ ...base, [field]: value }, field, words);
  });

  it.each(['std', 'pro'])('accepts mode %s', (mode) => accepts({ ...base, mode }));
  it.each(['16:9', '9:16', '1:1'])('accepts aspect ratio %s', (ratio) =>
    accepts({ ...base, aspect_ratio: ratio }),
  );
});

describe('submission request: duration by mode', () => {
  it.each(['5', '10'])('accepts %s s for text-to-video', (duration) => accepts({ ...base, duration }));

  it.each(['3', '4', '6', '7', '8', '9'])('rejects %s s for text-to-video', (duration) => {
    rejects(
      { ...base, duration },
      'duration',
      /Duration .* needs a first or end frame image or a reference video/,
    );
  });

  it('rejects 3 s for basic image-to-video (an image without a frame role)', () => {
    rejects({ ...base, duration: '3', image_list: [image()] }, 'duration', /Duration/);
  });

  it.each([
    ['a first frame', { image_list: [image('first_frame')] }],
    ['first and end frames', { image_list: [image('first_frame'), image('end_frame')] }],
    ['a reference video', { video_list: [video] }],
  ])('accepts "3".."10" with %s', (_, inputs) => {
    for (const duration of ['3', '4', '5', '6', '7', '8', '9', '10'])
      accepts({ ...base, duration, ...inputs });
  });
});

describe('submission request: frame roles', () => {
  it('rejects an end frame without a first frame, at that image', () => {
    rejects(
      { ...base, image_list: [image(), image('end_frame')] },
      'image_list.1.type',
      /end frame needs a first frame/i,
    );
  });

  it('rejects a second first frame, at the second one', () => {
    rejects(
      { ...base, image_list: [image('first_frame'), image(), image('first_frame')] },
      'image_list.2.type',
      /Only one image can be the first frame/,
    );
  });

  it('rejects a second end frame, at the second one', () => {
    rejects(
      { ...base, image_list: [image('first_frame'), image('end_frame'), image('end_frame')] },
      'image_list.2.type',
      /Only one image can be the end frame/,
    );
  });

  it('rejects an unknown frame role naming the field', () => {
    rejects(
      { ...base, image_list: [{ image_url: IMAGE, type: 'middle' }] },
      'image_list.0.type',
      /Frame role must be/,
    );
  });

  it('accepts reference images beside first and end frames', () => {
    accepts({ ...base, image_list: [image(), image('first_frame'), image('end_frame'), image()] });
  });
});

describe('submission request: counts', () => {
  it('accepts one video and rejects two', () => {
    accepts({ ...base, video_list: [video] });
    rejects({ ...base, video_list: [video, video] }, 'video_list', /At most 1 reference video/);
  });

  it('accepts 7 images plus elements without a video', () => {
    accepts({ ...base, image_list: images(7) });
    accepts({ ...base, image_list: images(3), element_list: elements(4) });
    accepts({ ...base, element_list: elements(7) });
  });

  it('rejects 8 images plus elements without a video', () => {
    rejects({ ...base, image_list: images(8) }, 'image_list', /Too many images and elements: 8, at most 7/);
    rejects({ ...base, image_list: images(4), element_list: elements(4) }, 'image_list', /at most 7/);
    rejects({ ...base, element_list: elements(8) }, 'element_list', /Too many images and elements/);
  });

  it('allows at most 4 images plus elements with a video', () => {
    accepts({ ...base, video_list: [video], image_list: images(2), element_list: elements(2) });
    rejects(
      { ...base, video_list: [video], image_list: images(3), element_list: elements(2) },
      'image_list',
      /at most 4 when a reference video is used/,
    );
  });
});

describe('submission request: URLs', () => {
  const SCHEME = 'must be a full web address starting with http:// or https://.';
  // Each message names what is really wrong: the scheme, a space, or a missing host.
  const bad = [
    ['javascript:', 'javascript:alert(1)', SCHEME],
    ['file:', 'file:///etc/passwd', SCHEME],
    ['data:', 'data:image/png;base64,iVBORw0KGgo=', SCHEME],
    ['ftp:', 'ftp://cdn.example.com/cat.png', SCHEME],
    ['relative', '/images/cat.png', SCHEME],
    ['scheme-less', 'cdn.example.com/cat.png', SCHEME],
    ['half-typed', 'htt', SCHEME],
    ['host-less', 'https://', 'has no host name after https://'],
    ['host-less with a path', 'https:///cat.png', 'has no host name after https://'],
    ['spaced', 'https://exa mple.com/a.png', 'contains a space: remove it, or write it as %20.'],
    ['space-padded', ' https://cdn.example.com/cat.png', 'has a space at the start or end'],
    ['bracketed host', 'https://cdn[example.com/cat.png', 'is not a valid web address: check the host name'],
    // Forms a URL parser mends into http(s)://host, but not absolute URLs as written.
    ['slash-less', 'http:cdn.example.com/cat.png', SCHEME],
    ['single-slash', 'https:/cdn.example.com/cat.png', SCHEME],
    ['backslashed', 'https:\\cdn.example.com\\cat.png', SCHEME],
  ] as const;
  const tooLong = `https://cdn.example.com/${'a'.repeat(2049 - 'https://cdn.example.com/'.length)}`;
  const longest = tooLong.slice(0, 2048);
  const exactly = (label: string, words: string) =>
    new RegExp(`^${`${label} ${words}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`);

  it.each(bad)('rejects a %s image URL', (_, url, words) => {
    rejects(
      { ...base, image_list: [{ image_url: url }] },
      'image_list.0.image_url',
      exactly('Image URL', words),
    );
  });

  it.each(bad)('rejects a %s video URL', (_, url, words) => {
    rejects(
      { ...base, video_list: [{ ...video, video_url: url }] },
      'video_list.0.video_url',
      exactly('Video URL', words),
    );
  });

  it.each(bad)('rejects a %s callback URL', (_, url, words) => {
    rejects({ ...base, callback_url: url }, 'callback_url', exactly('Callback URL', words));
  });

  it('accepts URLs of 2,048 characters and rejects 2,049', () => {
    expect(longest).toHaveLength(2048);
    accepts({ ...base, image_list: [{ image_url: longest }], callback_url: longest });
    rejects(
      { ...base, image_list: [{ image_url: tooLong }] },
      'image_list.0.image_url',
      /Image URL is too long: at most 2,048/,
    );
    rejects(
      { ...base, video_list: [{ ...video, video_url: tooLong }] },
      'video_list.0.video_url',
      /Video URL is too long/,
    );
    rejects({ ...base, callback_url: tooLong }, 'callback_url', /Callback URL is too long/);
  });

  it('accepts http and https URLs', () => {
    accepts({
      ...base,
      image_list: [{ image_url: 'http://cdn.example.com:8080/a.png?x=1' }],
      callback_url: 'https://hooks.example.com/k',
    });
  });

  it('requires the URL inside a list item', () => {
    rejects(
      { ...base, image_list: [{ type: 'first_frame' }] },
      'image_list.0.image_url',
      /Image URL is required/,
    );
  });
});

describe('submission request: element IDs and CFG scale', () => {
  it.each([
    [0, /Element ID must be greater than 0/],
    [-1, /Element ID must be greater than 0/],
    [1.5, /Element ID must be a whole number/],
    [2 ** 53, /Element ID/],
    ['7', /Element ID must be a whole number/],
  ])('rejects element_id %j', (elementId, words) => {
    rejects({ ...base, element_list: [{ element_id: elementId }] }, 'element_list.0.element_id', words);
  });

  it('accepts the largest safe integer as an element ID', () => {
    accepts({ ...base, element_list: [{ element_id: Number.MAX_SAFE_INTEGER }] });
  });

  it.each([0, 0.5, 1])('accepts cfg_scale %d', (cfg) => accepts({ ...base, cfg_scale: cfg }));

  it.each([-0.1, 1.1, Number.NaN, Number.POSITIVE_INFINITY, '0.5', null])('rejects cfg_scale %j', (cfg) => {
    rejects({ ...base, cfg_scale: cfg }, 'cfg_scale', /CFG scale must be a number from 0 to 1/);
  });
});

describe('submission request: external task ID', () => {
  it('accepts letters, digits and _ . : - up to 64 characters', () => {
    accepts({ ...base, external_task_id: 'Shot_01.take-2:final' });
    accepts({ ...base, external_task_id: 'x'.repeat(64) });
  });

  it('rejects 65 characters', () => {
    rejects(
      { ...base, external_task_id: 'x'.repeat(65) },
      'external_task_id',
      /External task ID is too long: at most 64/,
    );
  });

  it.each(['.', '..'])('rejects %s, which would collapse in the status lookup URL', (id) => {
    rejects(
      { ...base, external_task_id: id },
      'external_task_id',
      /External task ID cannot be "\." or "\.\."/,
    );
  });

  it('rejects an empty one, pointing to leaving it out', () => {
    rejects(
      { ...base, external_task_id: '' },
      'external_task_id',
      /External task ID cannot be empty: leave it out/,
    );
  });

  it.each(['has space', 'slash/id', 'café', 'semi;colon', 'quote"'])('rejects %j', (id) => {
    rejects(
      { ...base, external_task_id: id },
      'external_task_id',
      /External task ID may use only letters, digits/,
    );
  });
});

describe('submission request: unknown fields', () => {
  it.each([
    [{ ...base, seed: 42 }, 'seed'],
    [{ ...base, image_list: [{ image_url: IMAGE, weight: 1 }] }, 'image_list.0.weight'],
    [{ ...base, video_list: [{ ...video, start: 0 }] }, 'video_list.0.start'],
    [{ ...base, element_list: [{ element_id: 1, name: 'hero' }] }, 'element_list.0.name'],
  ])('rejects an unknown key at its own path (%#)', (body, path) => {
    const key = path.split('.').at(-1);
    rejects(body, path, new RegExp(`Unknown field "${key}"`));
  });

  it('names every unknown key separately', () => {
    const paths = issuesOf({ ...base, seed: 1, style: 'x' }).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['seed', 'style']));
  });

  it('rejects refer_type "base" (video editing is not supported)', () => {
    rejects(
      { ...base, video_list: [{ ...video, refer_type: 'base' }] },
      'video_list.0.refer_type',
      /"base".*not supported/,
    );
  });

  it('rejects keep_original_sound other than yes/no', () => {
    rejects(
      { ...base, video_list: [{ ...video, keep_original_sound: true }] },
      'video_list.0.keep_original_sound',
      /Keep original sound must be "yes" or "no"/,
    );
  });

  it.each([[null], [[]], ['text'], [42]])('rejects a body that is not an object: %j', (body) => {
    expect(issuesOf(body)).toEqual([
      { path: '', message: expect.stringMatching(/request must be an object/i) },
    ]);
  });
});

describe('submission request: what is forwarded', () => {
  const maximal = {
    model: 'kling-v1-6',
    prompt: 'A paper boat drifts down a rain-soaked street',
    negative_prompt: 'blurry, low quality',
    mode: 'pro',
    duration: '7',
    aspect_ratio: '9:16',
    image_list: [image('first_frame'), image('end_frame'), { image_url: 'http://cdn.example.com/ref.jpg' }],
    video_list: [{ video_url: VIDEO, refer_type: 'feature', keep_original_sound: 'no' }],
    element_list: [{ element_id: 101 }],
    cfg_scale: 0.75,
    external_task_id: 'campaign-42.shot:7',
    callback_url: 'https://hooks.example.com/kling',
  };

  it('accepts a request using every field', () => {
    accepts(maximal);
  });

  it('returns exactly the input: nothing dropped, nothing added, no defaults filled in', () => {
    for (const body of [maximal, base, { model: 'kling-v1', element_list: [{ element_id: 3 }] }]) {
      const result = validateSubmissionRequest(structuredClone(body));
      expect(result.ok && result.value).toStrictEqual(body);
    }
  });

  it('reports every problem at once, so the composer can show them together', () => {
    const paths = issuesOf({
      model: '',
      cfg_scale: 2,
      image_list: [{ image_url: 'javascript:alert(1)', type: 'end_frame' }],
    }).map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining(['model', 'cfg_scale', 'image_list.0.image_url', 'image_list.0.type']),
    );
  });
});

describe('submission request: prompt tokens', () => {
  it('accepts tokens that name existing items, in any order and repeated', () => {
    accepts({
      ...base,
      prompt:
        '<<<image_2>>> meets <<<image_1>>> and <<<element_1>>>, again <<<image_2>>>, moving like <<<video_1>>>',
      image_list: images(2),
      element_list: elements(1),
      video_list: [video],
    });
  });

  it('rejects a token past the end of its list, at prompt, saying how many there are', () => {
    rejects(
      { ...base, prompt: 'The cat from <<<image_3>>>', image_list: images(2) },
      'prompt',
      /^<<<image_3>>> refers to image 3, but there are 2 images\.$/,
    );
    rejects(
      { ...base, prompt: 'Like <<<video_1>>>' },
      'prompt',
      /^<<<video_1>>> refers to video 1, but there is no video\.$/,
    );
    rejects(
      { ...base, prompt: '<<<element_2>>> waves', element_list: elements(1) },
      'prompt',
      /^<<<element_2>>> refers to element 2, but there is 1 element\.$/,
    );
  });

  it('names every wrong token once, in one message at prompt', () => {
    rejects(
      { ...base, prompt: '<<<image_2>>> <<<video_1>>> <<<image_2>>> <<<image_1>>>', image_list: images(1) },
      'prompt',
      /^<<<image_2>>> refers to image 2, but there is 1 image\. <<<video_1>>> refers to video 1, but there is no video\.$/,
    );
  });

  it('rejects image 0 and numbers written with leading zeros: items count from 1', () => {
    rejects(
      { ...base, prompt: 'See <<<image_0>>>', image_list: images(1) },
      'prompt',
      /<<<image_0>>> names no image: they are numbered from 1, as in <<<image_1>>>\./,
    );
    rejects(
      { ...base, prompt: 'See <<<image_01>>>', image_list: images(1) },
      'prompt',
      /<<<image_01>>> names no image/,
    );
  });

  it('leaves text that only looks like a token alone, and items the prompt never mentions are fine', () => {
    accepts({
      ...base,
      prompt: '<<image_9>> <<<img_9>>> <<<image_x>>> <<<IMAGE_9>>>',
      image_list: images(3),
    });
  });
});
