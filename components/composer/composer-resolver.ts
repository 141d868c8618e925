import type { Resolver } from 'react-hook-form';
import type { ComposerValues } from '@/lib/contract/composer-form';
import type { SubmissionRequest } from '@/lib/contract/submission-request';

export type ComposerResolver = Resolver<ComposerValues, unknown, SubmissionRequest>;

let loading: Promise<ComposerResolver> | null = null;

/** The zod resolver over the shared schema, in a chunk of its own. */
function loadResolver(): Promise<ComposerResolver> {
  loading ??= import('./composer-zod-resolver').then((module) => module.composerZodResolver);
  return loading;
}

/**
 * Validation is loaded when the creator first reaches for the form, not while the page starts: the
 * schema and zod are the largest part of the composer's script, and evaluating them on a slow phone
 * would hold up the page's first seconds. A check that comes before the chunk is in just waits for it.
 */
export const composerResolver: ComposerResolver = async (values, context, options) =>
  (await loadResolver())(values, context, options);

const FIRST_USE_EVENTS = ['pointerdown', 'focusin', 'keydown'] as const;

/**
 * Starts loading validation, and whatever else `loaders` fetch (chunks the form needs later), on
 * the first pointer, focus or key event in `form`; returns a cleanup.
 */
export function preloadOnFirstUse(
  form: HTMLElement | null,
  loaders: (() => Promise<unknown>)[] = [],
): () => void {
  if (!form) return () => {};
  const stop = () => {
    for (const type of FIRST_USE_EVENTS) form.removeEventListener(type, start, true);
  };
  const start = () => {
    stop();
    void loadResolver();
    for (const load of loaders) void load();
  };
  for (const type of FIRST_USE_EVENTS) form.addEventListener(type, start, true);
  return stop;
}
