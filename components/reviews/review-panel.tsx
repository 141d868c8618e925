'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Timestamp } from '@/components/submissions/format-time';
import { Button } from '@/components/ui/button';
import { FormField, inputClassName } from '@/components/ui/form-field';
import { Notice } from '@/components/ui/notice';
import { callApi } from '@/lib/client/call-api';
import {
  COMMENT_MAX_LENGTH,
  DECISION_WORDS,
  type Review,
  type ReviewDecision,
} from '@/lib/contract/accounts';

const BUTTONS: { decision: ReviewDecision; label: string; variant: 'primary' | 'secondary' | 'danger' }[] = [
  { decision: 'approved', label: 'Approve', variant: 'primary' },
  { decision: 'changes_requested', label: 'Request changes', variant: 'secondary' },
  { decision: 'rejected', label: 'Reject', variant: 'danger' },
];

/**
 * The review of the exact request that made this video: the decision buttons when the viewer may
 * decide (a reviewer, not their own submission, a finished task), else why not; and every decision so far.
 */
export function ReviewPanel({
  submissionId,
  reviews,
  canDecide,
  whyNot,
}: {
  submissionId: string;
  reviews: Review[];
  canDecide: boolean;
  whyNot: string | null;
}) {
  const router = useRouter();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function decide(decision: ReviewDecision) {
    setBusy(true);
    const result = await callApi(`/api/submissions/${encodeURIComponent(submissionId)}/review`, {
      method: 'POST',
      body: comment.trim() ? { decision, comment } : { decision },
    });
    setBusy(false);
    if (result.ok) {
      setComment('');
      setOutcome({ tone: 'success', text: `Recorded: ${DECISION_WORDS[decision]}.` });
      router.refresh();
    } else setOutcome({ tone: 'error', text: result.error.message });
  }

  return (
    <section
      aria-labelledby="review-heading"
      className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id="review-heading" className="text-lg font-semibold">
        Review
      </h2>
      {canDecide ? (
        <>
          <FormField id="review-comment" label="Review comment (optional)">
            {(control) => (
              <textarea
                {...control}
                rows={3}
                maxLength={COMMENT_MAX_LENGTH}
                className={inputClassName}
                value={comment}
                onChange={(event) => setComment(event.target.value)}
              />
            )}
          </FormField>
          <div className="flex flex-wrap gap-2">
            {BUTTONS.map((button) => (
              <Button
                key={button.decision}
                variant={button.variant}
                disabled={busy}
                onClick={() => void decide(button.decision)}
              >
                {button.label}
              </Button>
            ))}
          </div>
        </>
      ) : (
        whyNot && <p className="text-sm text-slate-600">{whyNot}</p>
      )}
      {outcome && (
        <Notice tone={outcome.tone} role={outcome.tone === 'error' ? 'alert' : 'status'}>
          {outcome.text}
        </Notice>
      )}
      <h3 className="text-sm font-semibold">Decisions</h3>
      {reviews.length === 0 ? (
        <p className="text-sm text-slate-600">Not reviewed yet.</p>
      ) : (
        <ol className="flex flex-col gap-2 text-sm" aria-label="Review decisions, newest first">
          {reviews.map((review) => (
            <li
              key={`${review.createdAt}-${review.reviewer.id}`}
              className="rounded border border-slate-200 p-2"
            >
              <p>
                <span className="font-semibold">{DECISION_WORDS[review.decision]}</span> by{' '}
                {review.reviewer.name}, <Timestamp iso={review.createdAt} />
              </p>
              {review.comment && <p className="mt-1 whitespace-pre-wrap break-words">{review.comment}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
