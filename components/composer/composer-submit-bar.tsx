'use client';
import type { Ref } from 'react';
import { Button } from '@/components/ui/button';

/** Submit and Clear form, and what is happening while a request is out. */
export function ComposerSubmitBar({
  busy,
  submitRef,
  onClear,
}: {
  busy: boolean;
  submitRef: Ref<HTMLButtonElement>;
  onClear: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        ref={submitRef}
        type="submit"
        variant="primary"
        disabled={busy}
        aria-describedby="submit-status"
      >
        {busy ? 'Submitting…' : 'Submit'}
      </Button>
      <Button variant="secondary" disabled={busy} onClick={onClear}>
        Clear form
      </Button>
      <span id="submit-status" className="text-sm text-slate-600" aria-live="polite">
        {busy ? 'Sending to the video service…' : ''}
      </span>
    </div>
  );
}
