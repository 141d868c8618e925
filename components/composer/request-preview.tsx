'use client';
import { useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
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

/**
 * A read-only view of the exact JSON the server will forward, and a copy-as-cURL button. The one
 * part of the composer that watches every field: it re-renders on each keystroke, the form does not.
 */
export function RequestPreview() {
  const { control } = useFormContext<ComposerValues>();
  const body = formToRequestBody(useWatch({ control }) as ComposerValues);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const json = JSON.stringify(body, null, 2);

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
            : 'Exactly what the server forwards. An external_task_id is generated on submit when you leave it empty.'}
      </p>
      <CodeBox label="Request JSON" text={json} className="max-h-[28rem]" />
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700">Show the cURL command</summary>
        <CodeBox label="cURL command" text={toCurl(body)} className="mt-2" />
      </details>
    </section>
  );
}
