import { Suspense } from 'react';
import { ComposerForm } from '@/components/composer/composer-form';
import { ConfiguredAndRecentModels, ModelSuggestions } from '@/components/composer/model-suggestions';
import { getEnv } from '@/lib/config/env';
import { type ComposerValues, requestToFormValues } from '@/lib/contract/composer-form';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';
import { shownOwnCallbackUrl } from '@/lib/submissions/callback-token';

/** `/?from={id}` opens the composer filled with that submission's request ("Reuse in composer"). */
async function reusedRequest(from: string | undefined): Promise<ComposerValues | null> {
  if (!from) return null;
  try {
    const submission = await (await getSubmissionService()).get(from);
    // Its external task ID is taken: the reused request gets a new one on submit.
    return requestToFormValues(submission.request, { keepExternalTaskId: false });
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

export default async function ComposerPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string | string[] }>;
}) {
  const { from } = await searchParams;
  const initial = await reusedRequest(typeof from === 'string' ? from : undefined);
  const env = getEnv();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Compose a video request</h1>
        <p className="text-sm text-slate-600">
          Fields are checked as you type, and again by the server before anything is sent.
        </p>
      </div>
      <ComposerForm
        initial={initial}
        defaultModel={env.models[0] ?? 'kling-v1'}
        ownCallbackUrl={env.publicUrl ? shownOwnCallbackUrl(env.publicUrl) : null}
      />
      {/* The page does not wait for the database: the models used lately stream in when it answers. */}
      <Suspense fallback={<ModelSuggestions models={env.models} />}>
        <ConfiguredAndRecentModels />
      </Suspense>
    </div>
  );
}
