import { FIELD_LABELS } from '@/lib/contract/field-labels';
import { MODE_LABELS, type RequestView, viewRequest } from '@/lib/submissions/request-view';

/** The request fields two submissions are compared by, in the order a reviewer reads them. */
export const COMPARED_FIELDS = [
  'prompt',
  'negative_prompt',
  'model',
  'mode',
  'duration',
  'aspect_ratio',
  'cfg_scale',
  'image_list',
  'video_list',
  'element_list',
  'callback_url',
  'external_task_id',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** What "Reuse A with B's …" may take from B: every field but the external task ID, which is each task's own. */
export const TAKEABLE_FIELDS = COMPARED_FIELDS.filter(
  (field): field is Exclude<ComparedField, 'external_task_id'> => field !== 'external_task_id',
);
export type TakeableField = (typeof TAKEABLE_FIELDS)[number];

export function isTakeableField(value: unknown): value is TakeableField {
  return TAKEABLE_FIELDS.some((field) => field === value);
}

export const fieldLabel = (field: ComparedField): string => FIELD_LABELS[field];

/** The label inside a sentence: "prompt", "aspect ratio", but "CFG scale" and "callback URL". */
export function fieldNoun(field: ComparedField): string {
  const label = fieldLabel(field);
  return /^[A-Z]{2}/.test(label) ? label : `${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

const ROLE = { first_frame: 'first frame', end_frame: 'end frame' } as const;

/** One field's value as text, with what the upstream applies when it was left out. */
function valueText(view: RequestView, request: Record<string, unknown>, field: ComparedField): string {
  switch (field) {
    case 'prompt':
      return view.prompt;
    case 'negative_prompt':
      return view.negativePrompt;
    case 'model':
      return view.model;
    case 'mode':
      return MODE_LABELS[view.mode] ?? view.mode;
    case 'duration':
      return `${view.duration} s`;
    case 'aspect_ratio':
      return view.aspectRatio;
    case 'cfg_scale':
      return view.cfgScale === null ? 'default (0.5)' : String(view.cfgScale);
    case 'image_list':
      return view.images
        .map((image, i) => `${i + 1}. ${image.role ? ROLE[image.role] : 'reference'}: ${image.url}`)
        .join('\n');
    case 'video_list':
      return view.videos
        .map((video) => `${video.url} (keep original sound: ${video.keepOriginalSound ? 'yes' : 'no'})`)
        .join('\n');
    case 'element_list':
      return view.elements.join(', ');
    case 'callback_url':
      return view.callbackUrl ?? '';
    case 'external_task_id':
      return typeof request.external_task_id === 'string' ? request.external_task_id : '';
  }
}

export interface FieldComparison {
  field: ComparedField;
  a: string;
  b: string;
  differs: boolean;
}

/** Both requests field by field, as shown: equal when they would make the same request upstream. */
export function compareRequests(a: Record<string, unknown>, b: Record<string, unknown>): FieldComparison[] {
  const viewA = viewRequest(a);
  const viewB = viewRequest(b);
  return COMPARED_FIELDS.map((field) => {
    const textA = valueText(viewA, a, field);
    const textB = valueText(viewB, b, field);
    return { field, a: textA, b: textB, differs: textA !== textB };
  });
}

/** A's request with one field as B has it (left out when B left it out): "Reuse A with B's …". */
export function withFieldFrom(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  field: TakeableField,
): Record<string, unknown> {
  const { [field]: _dropped, ...rest } = a;
  return field in b ? { ...rest, [field]: b[field] } : rest;
}
