'use client';
import type { ReactNode, Ref } from 'react';
import { Button } from '@/components/ui/button';
import { CostLine } from './cost-line';
import { useNow } from './use-now';

/** A wait as a person reads it: seconds up to two minutes, then minutes. */
function formatWait(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/** Submit's words: counting the seconds of a long request, or down to the end of a rate limit. */
function submitLabel(busy: boolean, elapsedSeconds: number, waitSeconds: number): string {
  if (busy) return elapsedSeconds >= 1 ? `Submitting… ${elapsedSeconds} s` : 'Submitting…';
  return waitSeconds > 0 ? `Submit in ${formatWait(waitSeconds)}` : 'Submit';
}

/**
 * Submit, Clear form (and its Undo), what the request will cost, and on phones the result's status:
 * it stays at the bottom of the screen while the creator scrolls through the form.
 */
export function ComposerSubmitBar({
  busy,
  startedAt,
  retryAt,
  submitRef,
  clearRef,
  onClear,
  undo,
  resultStatus,
  usage,
}: {
  busy: boolean;
  startedAt: number | null;
  /** Submit stays disabled until then (a rate limit), counting down. */
  retryAt: number | null;
  submitRef: Ref<HTMLButtonElement>;
  clearRef: Ref<HTMLButtonElement>;
  onClear: () => void;
  undo: ReactNode;
  /** The last submission's status in a few words, for phones (the full result is further down). */
  resultStatus: string | null;
  /** The creator's use of their limit, beside the cost. */
  usage?: ReactNode;
}) {
  const now = useNow(busy, retryAt);
  const elapsedSeconds = busy && startedAt !== null ? Math.floor((now - startedAt) / 1000) : 0;
  const waitSeconds = retryAt !== null && retryAt > now ? Math.ceil((retryAt - now) / 1000) : 0;
  return (
    <div className="sticky bottom-0 z-10 -mx-4 flex flex-col gap-2 border-t border-slate-300 bg-slate-50/95 px-4 py-3 backdrop-blur-sm sm:mx-0 sm:rounded-t-lg sm:border-x">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Button
          ref={submitRef}
          type="submit"
          variant="primary"
          disabled={busy || waitSeconds > 0}
          aria-describedby="submit-status submit-cost"
          aria-keyshortcuts="Control+Enter Meta+Enter"
          title="Ctrl+Enter (⌘+Enter on a Mac) submits from any field"
          className="min-w-24 tabular-nums"
        >
          {submitLabel(busy, elapsedSeconds, waitSeconds)}
        </Button>
        <Button ref={clearRef} variant="secondary" disabled={busy} onClick={onClear}>
          Clear form
        </Button>
        {undo}
        <span id="submit-status" className="text-sm text-slate-700" aria-live="polite">
          {busy ? 'Sending to the video service…' : ''}
        </span>
      </div>
      <p className="flex flex-wrap gap-x-3 text-xs text-slate-700">
        <CostLine id="submit-cost" />
        {usage}
      </p>
      {resultStatus && (
        <p className="break-words text-sm text-slate-900 lg:hidden">
          {resultStatus}{' '}
          <a href="#submit-result" className="font-medium text-indigo-800 underline">
            Show result
          </a>
        </p>
      )}
    </div>
  );
}
