'use client';
import { useFormContext, useWatch } from 'react-hook-form';
import type { ComposerValues } from '@/lib/contract/composer-form';
import { durationHint, listLimitHint, promptHint } from './composer-hints';

// Each hint watches only the fields it reads, so a keystroke re-renders the hint, not the form.

export function PromptHint() {
  const { control } = useFormContext<ComposerValues>();
  const prompt = useWatch({ control, name: 'prompt' });
  return promptHint(prompt);
}

export function DurationHint() {
  const { control } = useFormContext<ComposerValues>();
  const [image_list, video_list] = useWatch({ control, name: ['image_list', 'video_list'] });
  return durationHint({ image_list, video_list });
}

export function ListLimitHint() {
  const { control } = useFormContext<ComposerValues>();
  const [image_list, video_list, element_list] = useWatch({
    control,
    name: ['image_list', 'video_list', 'element_list'],
  });
  return listLimitHint({ image_list, video_list, element_list });
}
