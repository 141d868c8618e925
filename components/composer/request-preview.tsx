'use client';
import { useState } from 'react';
import { type FieldErrors, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { CodeBox } from '@/components/ui/code-box';
import { type ComposerValues, formToRequestBody } from '@/lib/contract/composer-form';

const CREATE_URL = '$KLING_API_BASE_URL/kling/v1/videos/omni-video';

/** The request as a shell command; the key stays a placeholder the user fills in their own shell. */
export function toCurl(body: Record<string, unknown>): string {
  const json = JSON.stringify(body, null, 2).replaceAll("'", "'\\''");
  return [
    `curl -X POST "${CREATE_URL}" \\`,
    `  -H "Authorization: Bearer $KLING_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${json}'`,
  ].join('\n');
}

/** How many problems the last check found (each field's message, each list's own). */
function countProblems(errors: FieldErrors): number {
  let count = 0;
  for (const value of Object.values(errors)) {
    if (!value || typeof value !== 'object') continue;
    if ('message' in value && typeof value.message === 'string') count++;
    else count += countProblems(value as FieldErrors);
  }
  return count;
}

/**
 * A read-only view of the JSON the server will forward, and a copy-as-cURL button: the callback URL
 * the server adds (its token masked) is shown in it, and a request the server would refuse is
 * marked as such. The one part of the composer that watches every field: it re-renders on each
 * keystroke, the form does not.
 */
export function RequestPreview({ ownCallbackUrl }: { ownCallbackUrl: string | null }) {
  const { control } = useFormContext<ComposerValues>();
  const body = formToRequestBody(useWatch({ control }) as ComposerValues);
  const problems = countProblems(useFormState({ control }).errors);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [curlShown, setCurlShown] = useState(false);
  const addsCallback = ownCallbackUrl !== null && body.callback_url === undefined;
  const json = JSON.stringify(addsCallback ? { ...body, callback_url: ownCallbackUrl } : body, null, 2);

  async function copyCurl() {
    try {
      await navigator.clipboard.writeText(toCurl(body));
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <section aria-labelledby="preview-title" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="preview-title" className="text-lg font-semibold text-slate-900">
          Request preview
        </h2>
        <Button onClick={copyCurl}>Copy as cURL</Button>
      </div>
      <p className="text-sm text-slate-600" aria-live="polite">
        {copied === 'copied'
          ? 'Copied. The key is a placeholder: set KLING_API_BASE_URL and KLING_API_KEY in your shell.'
          : copied === 'failed'
            ? 'Copying is blocked in this browser: select the command below instead.'
            : `What the server forwards. An external_task_id is generated on submit when you leave it empty${addsCallback ? '; callback_url is the app’s own, added by the server (its token shown as ********)' : ''}.`}
      </p>
      {problems > 0 && (
        <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-900">
          Not valid yet: the server would refuse this request ({problems}{' '}
          {problems === 1 ? 'problem' : 'problems'} in the form). Nothing is sent until it is fixed.
        </p>
      )}
      <CodeBox
        label="Request JSON"
        text={json}
        className={problems > 0 ? 'max-h-[28rem] outline-2 outline-red-700 outline-dashed' : 'max-h-[28rem]'}
      />
      <details className="text-sm" onToggle={(event) => setCurlShown(event.currentTarget.open)}>
        <summary className="cursor-pointer text-slate-700">Show the cURL command</summary>
        {/* Written out only while shown: the preview re-renders on every keystroke. */}
        {curlShown && <CodeBox label="cURL command" text={toCurl(body)} className="mt-2" />}
      </details>
    </section>
  );
}
