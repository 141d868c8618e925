import type { ComposerValues } from '@/lib/contract/composer-form';
import { BASIC_DURATIONS, DURATIONS, LIMITS, maxImagesAndElements } from '@/lib/contract/request-limits';

export const MODE_OPTIONS = [
  { value: 'std', label: 'Standard (std)' },
  { value: 'pro', label: 'Professional (pro)' },
] as const;

export const ASPECT_OPTIONS = [
  { value: '16:9', label: '16:9 landscape' },
  { value: '9:16', label: '9:16 portrait' },
  { value: '1:1', label: '1:1 square' },
] as const;

// Every duration is offered; one the inputs do not allow is flagged at the field as soon as it is
// chosen, or as soon as the frame or video that allowed it goes, with what to do next.
export const DURATION_OPTIONS = DURATIONS.map((d) => ({ value: d, label: `${d} seconds` }));

const ALL_DURATIONS = `${DURATIONS[0]} to ${DURATIONS[DURATIONS.length - 1]}`;

/** The character count under the prompt, against the limit the server enforces. */
export function promptHint(prompt: string): string {
  const count = prompt.length.toLocaleString('en-US');
  const max = LIMITS.promptMax.toLocaleString('en-US');
  return `${count} / ${max} characters. Describe the scene, or add an image, video or element below; “Insert in prompt” names one here.`;
}

/** Which durations the chosen inputs allow. */
export function durationHint(values: Pick<ComposerValues, 'image_list' | 'video_list'>): string {
  const hasVideo = values.video_list.length > 0;
  const hasFrameImage = values.image_list.some((image) => image.type !== '');
  return hasFrameImage || hasVideo
    ? `${ALL_DURATIONS} seconds with frames or a reference video.`
    : `${BASIC_DURATIONS.join(' or ')} seconds. Add a first frame or a reference video for ${ALL_DURATIONS}.`;
}

/** How many of the images and elements the request may carry are used. */
export function listLimitHint(
  values: Pick<ComposerValues, 'image_list' | 'video_list' | 'element_list'>,
): string {
  const hasVideo = values.video_list.length > 0;
  const used = values.image_list.length + values.element_list.length;
  const withVideo = hasVideo
    ? `: the limit is ${LIMITS.maxImagesAndElementsWithVideo} with a reference video`
    : '';
  return `${used} of ${maxImagesAndElements(hasVideo)} images and elements used${withVideo}.`;
}

export const EXTERNAL_TASK_ID_HINT = `Your own ID, unique: letters, digits, _ . : - (up to ${LIMITS.externalTaskIdMax}). Empty: one is generated.`;
