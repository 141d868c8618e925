// Request bodies the benchmarks send or parse.

const SENTENCE =
  'A lighthouse keeper climbs the spiral stairs at dusk while waves crash below, warm lamplight, slow dolly in. ';

/** `length` characters of plausible prompt text. */
export function longText(length) {
  return SENTENCE.repeat(Math.ceil(length / SENTENCE.length))
    .slice(0, length)
    .trimEnd();
}

const image = (n, type) => ({
  image_url: `https://cdn.example.com/refs/frame-${n}.png?size=1920x1080&v=${n}`,
  ...(type ? { type } : {}),
});

const common = {
  model: 'kling-v1',
  prompt: longText(2_500),
  negative_prompt: longText(600),
  mode: 'pro',
  aspect_ratio: '16:9',
  cfg_scale: 0.7,
  external_task_id: 'shot-042_take-7',
  callback_url: 'https://hooks.example.com/kling/callback?project=omni&token=abc123',
};

/**
 * Everything at once: 7 images (first and end frame + 5 references), 1 video, 2 elements and the
 * longest prompts. Over the count limit (images + elements with a video: at most 4), so the schema
 * also builds its issue: the work live validation does while a creator is over the limit.
 */
export const everythingAtOnceRequest = {
  ...common,
  duration: '7',
  image_list: [image(1, 'first_frame'), image(2, 'end_frame'), ...[3, 4, 5, 6, 7].map((n) => image(n))],
  video_list: [
    {
      video_url: 'https://cdn.example.com/refs/motion.mp4',
      refer_type: 'feature',
      keep_original_sound: 'yes',
    },
  ],
  element_list: [{ element_id: 101 }, { element_id: 202 }],
};

/** The largest request the schema accepts: 5 images + 2 elements (7 in all), every field, longest prompts. */
export const largestValidRequest = {
  ...common,
  duration: '7',
  image_list: [image(1, 'first_frame'), image(2, 'end_frame'), ...[3, 4, 5].map((n) => image(n))],
  element_list: [{ element_id: 101 }, { element_id: 202 }],
};

/** What a creator typically submits: a prompt of a few sentences and a first frame. */
export const typicalRequest = {
  model: 'kling-v1',
  prompt: longText(220),
  mode: 'std',
  duration: '5',
  aspect_ratio: '16:9',
  image_list: [image(1, 'first_frame')],
};
