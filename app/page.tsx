import { Suspense } from 'react';
import { SpendUsage } from '@/components/accounts/spend-usage';
import { ComposerForm } from '@/components/composer/composer-form';
import { ConfiguredAndRecentModels, ModelSuggestions } from '@/components/composer/model-suggestions';
import type { Actor } from '@/lib/auth/roles';
import { isTakeableField, withFieldFrom } from '@/lib/compare/request-fields';
import { getEnv } from '@/lib/config/env';
import { type ComposerValues, requestToFormValues } from '@/lib/contract/composer-form';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';
import { getUserService } from '@/lib/server/auth-services';
import { requireActor } from '@/lib/server/page-auth';
import { shownOwnCallbackUrl } from '@/lib/submissions/callback-token';

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (typeof value === 'string' && value ? value : null);

/**
 * `/?from={id}` opens the composer filled with that submission's request ("Reuse in composer");
 * `&with={id}&take={field}` takes that one field from the other submission ("Reuse A with B's …").
 */
async function reusedRequest(params: SearchParams, viewer: Actor): Promise<ComposerValues | null> {
  const from = one(params.from);
  if (!from) return null;
  try {
    const service = await getSubmissionService();
    let request = (await service.get(from, viewer)).request;
    const other = one(params.with);
    const take = params.take;
    if (other && isTakeableField(take))
      request = withFieldFrom(request, (await service.get(other, viewer)).request, take);
    // Its external task ID is taken: the reused request gets a new one on submit.
    return requestToFormValues(request, { keepExternalTaskId: false });
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

/** The composer's own address with its reuse parameters, to come back to after signing in. */
function ownPath(params: SearchParams): string {
  const kept = new URLSearchParams();
  for (const key of ['from', 'with', 'take']) {
    const value = one(params[key]);
    if (value) kept.set(key, value);
  }
  return kept.size ? `/?${kept}` : '/';
}

export default async function ComposerPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const actor = await requireActor(ownPath(params));
  const [initial, me] = await Promise.all([reusedRequest(params, actor), (await getUserService()).me(actor)]);
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
        usage={<SpendUsage me={me} />}
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
