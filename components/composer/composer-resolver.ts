import type { Resolver } from 'react-hook-form';
import type { ComposerValues } from '@/lib/validations/composer-form';
import type { SubmissionRequest } from '@/lib/validations/submission-request';

export type ComposerResolver = Resolver<ComposerValues, unknown, SubmissionRequest>;

let loading: Promise<ComposerResolver> | null = null;

/** The zod resolver over the shared schema, in a chunk of its own. */
function loadResolver(): Promise<ComposerResolver> {
  loading ??= import('./composer-zod-resolver').then((module) => module.composerZodResolver);
  return loading;
}

/**
 * Validation is loaded after the page is interactive, not before: the schema and zod are the largest
 * part of the composer's script. `preloadComposerValidation` starts the download once the page runs,
 * long before a first keystroke needs it; a check that comes sooner just waits for it.
 */
export const composerResolver: ComposerResolver = async (values, context, options) =>
  (await loadResolver())(values, context, options);

export function preloadComposerValidation(): void {
  void loadResolver();
}
