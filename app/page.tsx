import { ComposerForm } from '@/components/composer/composer-form';
import { QueryProvider } from '@/components/layout/query-provider';
import { isTakeableField, withFieldFrom } from '@/lib/compare/request-fields';
import { type ComposerValues, requestToFormValues } from '@/lib/contract/composer-form';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (typeof value === 'string' && value ? value : null);

/**
 * `/?from={id}` opens the composer filled with that submission's request ("Reuse in composer");
 * `&with={id}&take={field}` takes that one field from the other submission ("Reuse A with B's …").
 */
async function reusedRequest(params: SearchParams): Promise<ComposerValues | null> {
  const from = one(params.from);
  if (!from) return null;
  try {
    const service = await getSubmissionService();
    let request = (await service.get(from)).request;
    const other = one(params.with);
    const take = params.take;
    if (other && isTakeableField(take))
      request = withFieldFrom(request, (await service.get(other)).request, take);
    // Its external task ID is taken: the reused request gets a new one on submit.
    return requestToFormValues(request, { keepExternalTaskId: false });
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

export default async function ComposerPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const initial = await reusedRequest(await searchParams);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Compose a video request</h1>
        <p className="text-sm text-slate-600">
          Fields are checked as you type, and again by the server before anything is sent.
        </p>
      </div>
      <QueryProvider>
        <ComposerForm initial={initial} />
      </QueryProvider>
    </div>
  );
}
