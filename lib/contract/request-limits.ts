/** The enums and limits of the Kling Omni Video request (docs/api.md, "Limits"). */
export const MODES = ['std', 'pro'] as const;
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const;
export const DURATIONS = ['3', '4', '5', '6', '7', '8', '9', '10'] as const;
/** Text-to-video and basic image-to-video accept only these. */
export const BASIC_DURATIONS = ['5', '10'] as const;
export const FRAME_ROLES = ['first_frame', 'end_frame'] as const;
export const KEEP_ORIGINAL_SOUND = ['yes', 'no'] as const;
export const EXTERNAL_TASK_ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** What the composer sends for the choices it always sends; CFG scale is left to the upstream's default. */
export const DEFAULTS = { mode: 'std', duration: '5', aspect_ratio: '16:9' } as const;

export const LIMITS = {
  modelMax: 64,
  promptMax: 2500,
  urlMax: 2048,
  externalTaskIdMax: 64,
  maxVideos: 1,
  maxImagesAndElements: 7,
  maxImagesAndElementsWithVideo: 4,
  bodyBytes: 64 * 1024,
} as const;

/** The history list's query: page size (`limit`) from `min` to `max`, `fallback` when absent; search length. */
export const LIST_LIMIT = { min: 1, max: 100, fallback: 20, searchMax: 200 } as const;

type Duration = (typeof DURATIONS)[number];

/** Durations allowed for the chosen inputs: first/end frames or a reference video unlock "3".."10". */
export function allowedDurations(input: { hasFrameImage: boolean; hasVideo: boolean }): readonly Duration[] {
  return input.hasFrameImage || input.hasVideo ? DURATIONS : BASIC_DURATIONS;
}

/** How many images plus elements the request may carry. */
export function maxImagesAndElements(hasVideo: boolean): number {
  return hasVideo ? LIMITS.maxImagesAndElementsWithVideo : LIMITS.maxImagesAndElements;
}
