'use client';
import { useState } from 'react';
import { type FieldPath, get, useFormContext, useFormState, useWatch } from 'react-hook-form';
import type { ComposerValues } from '@/lib/contract/composer-form';

/**
 * The message to show for a field, or undefined. Anything typed or chosen is judged at once, as the
 * user types, and so is a field emptied after it held a value (a deleted prompt, a cleared model).
 * A field that has been empty all along is judged once the user has left it or submitted.
 */
export function useVisibleError(name: FieldPath<ComposerValues>): string | undefined {
  const { control } = useFormContext<ComposerValues>();
  const { errors, touchedFields, isSubmitted } = useFormState({ control, name });
  const value = useWatch({ control, name });
  const filled = typeof value === 'string' && value !== '';
  // Set during render (React's pattern for remembering what an earlier render saw), once.
  const [wasFilled, setWasFilled] = useState(filled);
  if (filled && !wasFilled) setWasFilled(true);
  const error = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  const message = error?.message ?? error?.root?.message;
  if (!message) return undefined;
  const judged = isSubmitted || Boolean(get(touchedFields, name)) || filled || wasFilled;
  return judged ? message : undefined;
}

/** A list's own message (counts, at most one video), shown above its items as soon as it applies. */
export function useListError(name: 'image_list' | 'video_list' | 'element_list'): string | undefined {
  const { control } = useFormContext<ComposerValues>();
  const { errors } = useFormState({ control, name });
  const error = errors[name] as { message?: string; root?: { message?: string } } | undefined;
  return error?.root?.message ?? error?.message;
}
