'use client';
import { useEffect, useState } from 'react';
import { type FieldPath, get, useFormContext, useFormState, useWatch } from 'react-hook-form';
import type { ComposerValues } from '@/lib/contract/composer-form';

/** How long typing must stop before a field that waits for a pause is judged. */
export const TYPING_PAUSE_MS = 800;

/** True once `value` has stayed the same for TYPING_PAUSE_MS (false while it keeps changing). */
function useTypingPaused(value: unknown, enabled: boolean): boolean {
  const [settled, setSettled] = useState<{ value: unknown } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => setSettled({ value }), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value, enabled]);
  return enabled && settled !== null && settled.value === value;
}

/**
 * The message to show for a field, or undefined. Anything typed or chosen is judged at once, as the
 * user types, and so is a field emptied after it held a value (a deleted prompt, a cleared model).
 * A field that has been empty all along is judged once the form is submitted. With `waitForPause`
 * (addresses, which are wrong at every keystroke until complete) a typed value is judged only once
 * the user leaves the field or stops typing for a moment.
 */
export function useVisibleError(
  name: FieldPath<ComposerValues>,
  { waitForPause = false }: { waitForPause?: boolean } = {},
): string | undefined {
  const { control } = useFormContext<ComposerValues>();
  const { errors, touchedFields, isSubmitted } = useFormState({ control, name });
  const value = useWatch({ control, name });
  const filled = typeof value === 'string' && value !== '';
  // Set during render (React's pattern for remembering what an earlier render saw), once.
  const [wasFilled, setWasFilled] = useState(filled);
  if (filled && !wasFilled) setWasFilled(true);
  const paused = useTypingPaused(value, waitForPause);
  const error = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  const message = error?.message ?? error?.root?.message;
  if (!message) return undefined;
  const touched = Boolean(get(touchedFields, name));
  // Empty all along: judged only by a submit. Shown when the field is left, its message would push
  // the button being clicked out from under the pointer (the click then lands on nothing).
  const typed = filled || wasFilled;
  const judged = !typed ? isSubmitted : !waitForPause || touched || paused;
  return judged ? message : undefined;
}

/** A list's own message (counts, at most one video), shown above its items as soon as it applies. */
export function useListError(name: 'image_list' | 'video_list' | 'element_list'): string | undefined {
  const { control } = useFormContext<ComposerValues>();
  const { errors } = useFormState({ control, name });
  const error = errors[name] as { message?: string; root?: { message?: string } } | undefined;
  return error?.root?.message ?? error?.message;
}
