import type { ComposerValues } from '@/lib/contract/composer-form';
import { DURATIONS, maxImagesAndElements } from '@/lib/contract/request-limits';

export const MODE_OPTIONS = [
  { value: 'std', label: 'Standard (std)' },
  { value: 'pro', label: 'Professional (pro)' },
] as const;

export const ASPECT_OPTIONS = [
  { value: '16:9', label: '16:9 landscape' },
  { value: '9:16', label: '9:16 portrait' },
  { value: '1:1', label: '1:1 square' },
] as const;

/** Everything the composer shows that depends on the chosen inputs. */
export function deriveComposerHints(values: ComposerValues) {
  const hasVideo = values.video_list.length > 0;
  const hasFrameImage = values.image_list.some((image) => image.type !== '');
  // Every duration is offered; one the inputs do not allow is flagged at the field as soon as it is
  // chosen, or as soon as the frame or video that allowed it goes, with what to do next.
  const options = DURATIONS.map((d) => ({ value: d, label: `${d} seconds` }));
  const max = maxImagesAndElements(hasVideo);
  const used = values.image_list.length + values.element_list.length;
  return {
    durationOptions: options,
    durationHint:
      hasFrameImage || hasVideo
        ? '3 to 10 seconds with frames or a reference video.'
        : '5 or 10 seconds. Add a first frame or a reference video for 3 to 10.',
    limitHint: `${used} of ${max} images and elements used${hasVideo ? ': the limit is 4 with a reference video' : ''}.`,
  };
}
