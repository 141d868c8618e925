import type { z } from 'zod';
import { FIELD_LABELS } from './field-labels';
import { promptTokenProblem } from './prompt-tokens';
import { allowedDurations, BASIC_DURATIONS, LIMITS, maxImagesAndElements } from './request-limits';

/** The shape the cross-field rules read; loose, because they also run while other fields are invalid. */
interface CrossFieldInput {
  prompt?: unknown;
  duration?: unknown;
  image_list?: unknown;
  video_list?: unknown;
  element_list?: unknown;
}

function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function frameRole(item: unknown): unknown {
  return typeof item === 'object' && item !== null ? (item as { type?: unknown }).type : undefined;
}

/** Rules that need more than one field: inputs present, prompt tokens, duration per mode, frame roles, counts. */
export function checkCrossFieldRules(value: CrossFieldInput, ctx: z.core.$RefinementCtx<unknown>): void {
  const images = items(value.image_list);
  const videos = items(value.video_list);
  const elements = items(value.element_list);
  const hasPrompt = typeof value.prompt === 'string' && value.prompt.trim().length > 0;

  if (!hasPrompt && images.length === 0 && videos.length === 0 && elements.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['prompt'],
      message: `Add a ${FIELD_LABELS.prompt.toLowerCase()}, or at least one image, video or element.`,
    });
  }

  // A token that names no item would reach the upstream as a reference to nothing.
  if (typeof value.prompt === 'string') {
    const counts = { image: images.length, element: elements.length, video: videos.length };
    const problem = promptTokenProblem(value.prompt, counts);
    if (problem) ctx.addIssue({ code: 'custom', path: ['prompt'], message: problem });
  }

  const roles = images.map(frameRole);
  const hasFrameImage = roles.some((role) => role === 'first_frame' || role === 'end_frame');
  const durations: readonly unknown[] = allowedDurations({ hasFrameImage, hasVideo: videos.length > 0 });
  if (typeof value.duration === 'string' && !durations.includes(value.duration)) {
    const basic: readonly unknown[] = BASIC_DURATIONS;
    if (!basic.includes(value.duration) && /^(?:[3-9]|10)$/.test(value.duration)) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: `${FIELD_LABELS.duration} ${value.duration} s needs a first or end frame image or a reference video. Choose 5 or 10 seconds, or add one.`,
      });
    }
  }

  const firstFrames = roles.flatMap((role, index) => (role === 'first_frame' ? [index] : []));
  const endFrames = roles.flatMap((role, index) => (role === 'end_frame' ? [index] : []));
  for (const index of firstFrames.slice(1)) {
    ctx.addIssue({
      code: 'custom',
      path: ['image_list', index, 'type'],
      message: 'Only one image can be the first frame. Choose another frame role for this image.',
    });
  }
  for (const index of endFrames.slice(1)) {
    ctx.addIssue({
      code: 'custom',
      path: ['image_list', index, 'type'],
      message: 'Only one image can be the end frame. Choose another frame role for this image.',
    });
  }
  if (endFrames.length > 0 && firstFrames.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['image_list', endFrames[0] ?? 0, 'type'],
      message: 'An end frame needs a first frame: set another image as the first frame.',
    });
  }

  if (videos.length > LIMITS.maxVideos) {
    ctx.addIssue({
      code: 'custom',
      path: ['video_list'],
      message: `At most ${LIMITS.maxVideos} reference video per request. Remove ${videos.length - LIMITS.maxVideos}.`,
    });
  }

  const max = maxImagesAndElements(videos.length > 0);
  const count = images.length + elements.length;
  if (count > max) {
    ctx.addIssue({
      code: 'custom',
      path: [images.length > 0 ? 'image_list' : 'element_list'],
      message: `Too many images and elements: ${count}, at most ${max}${videos.length > 0 ? ' when a reference video is used' : ''}. Remove ${count - max}.`,
    });
  }
}
