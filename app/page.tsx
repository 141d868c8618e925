import { SpendUsage } from '@/components/accounts/spend-usage';
import { ComposerForm } from '@/components/composer/composer-form';
import { QueryProvider } from '@/components/layout/query-provider';
import type { Actor } from '@/lib/auth/roles';
import { type ComposerValues, requestToFormValues } from '@/lib/contract/composer-form';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';
import { getUserService } from '@/lib/server/auth-services';
import { requireActor } from '@/lib/server/page-auth';

/** `/?from={id}` opens the composer filled with that submission's request ("Reuse in composer"). */
async function reusedRequest(from: string | undefined, viewer: Actor): Promise<ComposerValues | null> {
  if (!from) return null;
  try {
    const submission = await (await getSubmissionService()).get(from, viewer);
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
  const actor = await requireActor('/');
  const { from } = await searchParams;
  const [initial, me] = await Promise.all([
    reusedRequest(typeof from === 'string' ? from : undefined, actor),
    (await getUserService()).me(actor),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Compose a video request</h1>
        <p className="text-sm text-slate-600">
          Fields are checked as you type, and again by the server before anything is sent.
        </p>
        <SpendUsage me={me} />
      </div>
      <QueryProvider>
        <ComposerForm initial={initial} />
      </QueryProvider>
    </div>
  );
}
