// Before any schema is built: see the module.
import './zod-browser-config';
import { z } from 'zod';
import { checkCrossFieldRules } from './cross-field-rules';
import { FIELD_LABELS } from './field-labels';
import { httpUrl } from './http-url';
import { isPlainText, notPlainTextMessage } from './plain-text';
import {
  ASPECT_RATIOS,
  DURATIONS,
  EXTERNAL_TASK_ID_PATTERN,
  FRAME_ROLES,
  KEEP_ORIGINAL_SOUND,
  LIMITS,
  MODES,
} from './request-limits';

/** "must be one of a, b or c", with the choices quoted as a creator would type them. */
function oneOf(label: string, choices: readonly string[]): string {
  const quoted = choices.map((c) => `"${c}"`);
  const list = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : quoted[0];
  return `${label} must be ${list}.`;
}

function text(label: string, max: number) {
  return z
    .string({ error: `${label} must be text.` })
    .max(max, { error: `${label} is too long: at most ${max.toLocaleString('en-US')} characters.` })
    .refine(isPlainText, { error: notPlainTextMessage(label) });
}

/** Rejects unknown keys with a message that names them, instead of dropping them silently. */
function strictObject<T extends z.core.$ZodLooseShape>(shape: T, what: string) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        return `Unknown field in ${what}: ${issue.keys.map((k) => `"${k}"`).join(', ')}. Remove it.`;
      }
      return `${what[0]?.toUpperCase()}${what.slice(1)} must be an object.`;
    },
  });
}

const imageItem = strictObject(
  {
    image_url: httpUrl(FIELD_LABELS.image_url),
    type: z.enum(FRAME_ROLES, { error: oneOf(FIELD_LABELS.type, FRAME_ROLES) }).optional(),
  },
  'an image',
);

const videoItem = strictObject(
  {
    video_url: httpUrl(FIELD_LABELS.video_url),
    refer_type: z
      .literal('feature', {
        error: `${FIELD_LABELS.refer_type} must be "feature": "base" (video editing) is not supported.`,
      })
      .optional(),
    keep_original_sound: z
      .enum(KEEP_ORIGINAL_SOUND, { error: oneOf(FIELD_LABELS.keep_original_sound, KEEP_ORIGINAL_SOUND) })
      .optional(),
  },
  'a video',
);

const elementItem = strictObject(
  {
    element_id: z
      .number({ error: `${FIELD_LABELS.element_id} must be a whole number.` })
      // Not `.int()`: it also rejects unsafe integers, calling them "not a whole number".
      .refine(Number.isInteger, { error: `${FIELD_LABELS.element_id} must be a whole number.` })
      .positive({ error: `${FIELD_LABELS.element_id} must be greater than 0.` })
      .max(Number.MAX_SAFE_INTEGER, { error: `${FIELD_LABELS.element_id} is too large.` }),
  },
  'an element',
);

function list<T extends z.ZodType>(item: T, label: string) {
  return z.array(item, { error: `${label} must be a list.` });
}

/**
 * The request body of `POST /kling/v1/videos/omni-video`, with every rule the app enforces.
 * Shared by the composer (through its form adapter) and by the route handler.
 */
export const submissionRequestSchema = strictObject(
  {
    model: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? `${FIELD_LABELS.model} is required.`
            : `${FIELD_LABELS.model} must be text.`,
      })
      .max(LIMITS.modelMax, {
        error: `${FIELD_LABELS.model} is too long: at most ${LIMITS.modelMax} characters.`,
      })
      .refine((value) => value.trim().length > 0, { error: `${FIELD_LABELS.model} is required.` })
      .refine(isPlainText, { error: notPlainTextMessage(FIELD_LABELS.model) }),
    prompt: text(FIELD_LABELS.prompt, LIMITS.promptMax).optional(),
    negative_prompt: text(FIELD_LABELS.negative_prompt, LIMITS.promptMax).optional(),
    mode: z.enum(MODES, { error: oneOf(FIELD_LABELS.mode, MODES) }).optional(),
    duration: z
      .enum(DURATIONS, {
        error: `${FIELD_LABELS.duration} must be a whole number of seconds from "3" to "10", written as text.`,
      })
      .optional(),
    aspect_ratio: z
      .enum(ASPECT_RATIOS, { error: oneOf(FIELD_LABELS.aspect_ratio, ASPECT_RATIOS) })
      .optional(),
    image_list: list(imageItem, FIELD_LABELS.image_list).optional(),
    video_list: list(videoItem, FIELD_LABELS.video_list).optional(),
    element_list: list(elementItem, FIELD_LABELS.element_list).optional(),
    cfg_scale: z
      .number({ error: `${FIELD_LABELS.cfg_scale} must be a number from 0 to 1.` })
      .min(0, { error: `${FIELD_LABELS.cfg_scale} must be a number from 0 to 1.` })
      .max(1, { error: `${FIELD_LABELS.cfg_scale} must be a number from 0 to 1.` })
      .optional(),
    external_task_id: z
      .string({ error: `${FIELD_LABELS.external_task_id} must be text.` })
      .min(1, {
        error: `${FIELD_LABELS.external_task_id} cannot be empty: leave it out to get one generated.`,
      })
      .max(LIMITS.externalTaskIdMax, {
        error: `${FIELD_LABELS.external_task_id} is too long: at most ${LIMITS.externalTaskIdMax} characters.`,
      })
      .refine((value) => value === '' || EXTERNAL_TASK_ID_PATTERN.test(value), {
        error: `${FIELD_LABELS.external_task_id} may use only letters, digits and _ . : -`,
      })
      // "." and ".." would collapse in the status lookup URL and find the wrong resource.
      .refine((value) => value !== '.' && value !== '..', {
        error: `${FIELD_LABELS.external_task_id} cannot be "." or "..": add a letter or digit.`,
      })
      .optional(),
    callback_url: httpUrl(FIELD_LABELS.callback_url).optional(),
  },
  'the request',
).superRefine(checkCrossFieldRules, {
  // Cross-field rules run even when another field is invalid, so the composer shows them live.
  when: (payload) =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
});

/** A request that passed every rule: what the app forwards upstream. */
export type SubmissionRequest = z.output<typeof submissionRequestSchema>;
