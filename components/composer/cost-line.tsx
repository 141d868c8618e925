'use client';
import { useFormContext, useWatch } from 'react-hook-form';
import type { ComposerValues } from '@/lib/contract/composer-form';

/** What the request will be billed on: its seconds of video, its mode, and a reference video's higher multiplier. */
export function costLine(values: Pick<ComposerValues, 'duration' | 'mode' | 'video_list'>): string {
  const parts = [`${values.duration} s of video`, values.mode === 'pro' ? 'Pro mode' : 'Standard mode'];
  if (values.video_list.length > 0) parts.push('reference video: higher cost multiplier');
  return parts.join(', ');
}

export function CostLine({ id }: { id: string }) {
  const { control } = useFormContext<ComposerValues>();
  const [duration, mode, video_list] = useWatch({ control, name: ['duration', 'mode', 'video_list'] });
  return <span id={id}>{costLine({ duration, mode, video_list })}</span>;
}
