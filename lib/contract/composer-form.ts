import {
  ASPECT_RATIOS,
  DEFAULTS,
  DURATIONS,
  FRAME_ROLES,
  KEEP_ORIGINAL_SOUND,
  MODES,
} from './request-limits';
import type { SubmissionRequest } from './submission-request';

/**
 * What the composer's inputs hold: text everywhere, empty meaning "leave out".
 * `formToRequestBody` turns it into the exact body the route receives and forwards.
 */
export interface ComposerValues {
  model: string;
  prompt: string;
  negative_prompt: string;
  mode: (typeof MODES)[number];
  duration: (typeof DURATIONS)[number];
  aspect_ratio: (typeof ASPECT_RATIOS)[number];
  cfg_scale: string;
  external_task_id: string;
  callback_url: string;
  image_list: { image_url: string; type: '' | (typeof FRAME_ROLES)[number] }[];
  video_list: { video_url: string; keep_original_sound: (typeof KEEP_ORIGINAL_SOUND)[number] }[];
  element_list: { element_id: string }[];
}

export const EMPTY_COMPOSER_VALUES: ComposerValues = {
  model: 'kling-v1',
  prompt: '',
  negative_prompt: '',
  mode: DEFAULTS.mode,
  duration: DEFAULTS.duration,
  aspect_ratio: DEFAULTS.aspect_ratio,
  cfg_scale: '',
  external_task_id: '',
  callback_url: '',
  image_list: [],
  video_list: [],
  element_list: [],
};

/** True when the values hold anything a creator typed or added; the preset choices alone are not work. */
export function hasWork(values: ComposerValues): boolean {
  const texts = [
    values.prompt,
    values.negative_prompt,
    values.cfg_scale,
    values.external_task_id,
    values.callback_url,
  ];
  const lists = [values.image_list, values.video_list, values.element_list];
  return texts.some((text) => text !== '') || lists.some((list) => list.length > 0);
}

/** A typed number stays a number for the schema to judge; anything else is passed as text and rejected there. */
function toNumber(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const parsed = Number(trimmed);
  return Number.isNaN(parsed) ? value : parsed;
}

function optionalText(value: string): string | undefined {
  return value === '' ? undefined : value;
}

export function formToRequestBody(values: ComposerValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: values.model,
    prompt: optionalText(values.prompt),
    negative_prompt: optionalText(values.negative_prompt),
    mode: values.mode,
    duration: values.duration,
    aspect_ratio: values.aspect_ratio,
    image_list: values.image_list.length
      ? values.image_list.map((image) =>
          image.type ? { image_url: image.image_url, type: image.type } : { image_url: image.image_url },
        )
      : undefined,
    video_list: values.video_list.length
      ? values.video_list.map((video) => ({
          video_url: video.video_url,
          refer_type: 'feature',
          keep_original_sound: video.keep_original_sound,
        }))
      : undefined,
    element_list: values.element_list.length
      ? values.element_list.map((element) => ({ element_id: toNumber(element.element_id) }))
      : undefined,
    cfg_scale: toNumber(values.cfg_scale),
    external_task_id: optionalText(values.external_task_id),
    callback_url: optionalText(values.callback_url),
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

function pick<T extends string>(choices: readonly T[], value: unknown, fallback: T): T {
  return choices.find((choice) => choice === value) ?? fallback;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function asList(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    : [];
}

/**
 * Fills the composer from a stored request or a saved draft. Unknown or malformed parts fall back
 * to defaults, so a corrupt draft never breaks the page.
 */
export function requestToFormValues(
  request: Partial<SubmissionRequest> | Record<string, unknown>,
  options: { keepExternalTaskId: boolean },
): ComposerValues {
  const r = request as Record<string, unknown>;
  return {
    model: asText(r.model) || EMPTY_COMPOSER_VALUES.model,
    prompt: asText(r.prompt),
    negative_prompt: asText(r.negative_prompt),
    mode: pick(MODES, r.mode, DEFAULTS.mode),
    duration: pick(DURATIONS, r.duration, DEFAULTS.duration),
    aspect_ratio: pick(ASPECT_RATIOS, r.aspect_ratio, DEFAULTS.aspect_ratio),
    cfg_scale: asText(r.cfg_scale),
    external_task_id: options.keepExternalTaskId ? asText(r.external_task_id) : '',
    callback_url: asText(r.callback_url),
    image_list: asList(r.image_list).map((image) => ({
      image_url: asText(image.image_url),
      type: pick(['', ...FRAME_ROLES] as const, image.type, ''),
    })),
    video_list: asList(r.video_list).map((video) => ({
      video_url: asText(video.video_url),
      keep_original_sound: pick(KEEP_ORIGINAL_SOUND, video.keep_original_sound, 'no'),
    })),
    element_list: asList(r.element_list).map((element) => ({ element_id: asText(element.element_id) })),
  };
}
