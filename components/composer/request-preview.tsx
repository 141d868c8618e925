'use client';
import { useState } from 'react';
import { type FieldErrors, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { CodeBox } from '@/components/ui/code-box';
import { type ComposerValues, formToRequestBody } from '@/lib/contract/composer-form';
import { toCurl } from './curl-command';

/** This app's own API, at the address the page was opened on (known only in the browser). */
const thisApp = () => ({ kind: 'app', origin: window.location.origin }) as const;

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
 * A read-only view of the JSON the server will forward, and a copy-as-cURL button (to this app's API,
 * with the user's API token; the direct call to the video service is shown too): the callback URL
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
      await navigator.clipboard.writeText(toCurl(body, thisApp()));
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
          ? 'Copied. It sends to this app with an API token of yours: make one under API tokens, then set OVS_TOKEN in your shell.'
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
        <summary className="cursor-pointer text-slate-700">Show the cURL commands</summary>
        {/* Written out only while shown: the preview re-renders on every keystroke. */}
        {curlShown && (
          <>
            <CodeBox label="cURL command (this app)" text={toCurl(body, thisApp())} className="mt-2" />
            <p className="mt-3 text-slate-600">
              Straight to the video service, with its key (nothing is checked, kept in history or counted):
            </p>
            <CodeBox
              label="cURL command (video service)"
              text={toCurl(body, { kind: 'upstream' })}
              className="mt-2"
            />
          </>
        )}
      </details>
    </section>
  );
}
