import { DEFAULTS } from '@/lib/contract/request-limits';

/** A stored request as pages show it: typed, with what the upstream applies when a field was left out. */
export interface RequestView {
  model: string;
  prompt: string;
  negativePrompt: string;
  mode: string;
  duration: string;
  aspectRatio: string;
  /** Null: left to the upstream's default (0.5). */
  cfgScale: number | null;
  images: { url: string; role: 'first_frame' | 'end_frame' | null }[];
  videos: { url: string; keepOriginalSound: boolean }[];
  elements: number[];
  callbackUrl: string | null;
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

const items = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    : [];

/** Reads a request as stored; anything malformed reads as absent rather than breaking a page. */
export function viewRequest(request: Record<string, unknown>): RequestView {
  return {
    model: text(request.model),
    prompt: text(request.prompt),
    negativePrompt: text(request.negative_prompt),
    mode: text(request.mode) || DEFAULTS.mode,
    duration: text(request.duration) || DEFAULTS.duration,
    aspectRatio: text(request.aspect_ratio) || DEFAULTS.aspect_ratio,
    cfgScale: typeof request.cfg_scale === 'number' ? request.cfg_scale : null,
    images: items(request.image_list).map((image) => ({
      url: text(image.image_url),
      role: image.type === 'first_frame' || image.type === 'end_frame' ? image.type : null,
    })),
    videos: items(request.video_list).map((video) => ({
      url: text(video.video_url),
      keepOriginalSound: video.keep_original_sound === 'yes',
    })),
    elements: items(request.element_list)
      .map((element) => element.element_id)
      .filter((id): id is number => typeof id === 'number'),
    callbackUrl: text(request.callback_url) || null,
  };
}

export const MODE_LABELS: Record<string, string> = { std: 'Standard', pro: 'Pro' };

/** "Pro · 10 s · 9:16": the three settings a reviewer scans a list by. */
export function settingsLine(view: RequestView): string {
  return `${MODE_LABELS[view.mode] ?? view.mode} · ${view.duration} s · ${view.aspectRatio}`;
}
