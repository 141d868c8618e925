import type { Submission } from '@/lib/submissions/submission';
import { JsonBlock } from './json-block';

/** The exact bodies sent and received, folded away below the readable view. */
export function RawJson({ submission }: { submission: Submission }) {
  return (
    <details className="rounded-lg border border-slate-300 bg-white">
      <summary className="cursor-pointer px-4 py-3 text-sm font-semibold">Request and response JSON</summary>
      <div className="grid gap-6 border-t border-slate-200 p-4 lg:grid-cols-2">
        <section aria-labelledby="request-title" className="flex min-w-0 flex-col gap-2">
          <h3 id="request-title" className="font-semibold">
            Request
          </h3>
          <p className="text-sm text-slate-600">The exact body sent to the video service.</p>
          <JsonBlock label="Request JSON" value={submission.request} />
        </section>
        <section aria-labelledby="response-title" className="flex min-w-0 flex-col gap-2">
          <h3 id="response-title" className="font-semibold">
            Upstream response
          </h3>
          <p className="text-sm text-slate-600">What the video service answered to the request.</p>
          {submission.response ? (
            <JsonBlock label="Response JSON" value={submission.response} />
          ) : (
            <p className="rounded-md border border-dashed border-slate-300 p-3 text-sm text-slate-600">
              No response recorded.
            </p>
          )}
        </section>
      </div>
    </details>
  );
}
