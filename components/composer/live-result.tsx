'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect } from 'react';
import { QueryProvider } from '@/components/layout/query-provider';
import { statusLabel } from '@/components/submissions/status-badge';
import { VideoPlayer } from '@/components/submissions/video-player';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { submissionQuery } from '@/lib/client/submission-queries';
import type { SubmitOutcome } from '@/lib/client/submissions-api';
import type { Submission } from '@/lib/contract/submission';

// The result of a created submission, followed live. In a chunk of its own, with TanStack Query:
// the composer needs either only once there is a task to follow.

/** Where the task stands, in words; the finished video plays in place. */
function TaskProgress({ submission }: { submission: Submission }) {
  switch (submission.displayStatus) {
    case 'succeeded':
      return submission.video ? (
        <VideoPlayer video={submission.video} autoPlay />
      ) : (
        <p>The video is ready: open the submission to find it.</p>
      );
    case 'failed':
      return (
        <p>
          The video service could not make this video:{' '}
          {submission.statusMessage ?? submission.error?.message ?? 'it gave no reason.'}
        </p>
      );
    case 'checking':
      return <p>{submission.statusMessage}</p>;
    case 'pending':
      return <p>Sent; the video service has not answered yet. This follows it live.</p>;
    default:
      return (
        <p>
          {submission.displayStatus === 'submitted'
            ? 'Queued at the video service.'
            : 'The video service is making the video.'}{' '}
          {submission.statusMessage ? `${submission.statusMessage} ` : ''}This follows it live.
        </p>
      );
  }
}

const TONES = { succeeded: 'success', failed: 'error' } as const;

function CreatedResult({
  outcome,
  submission,
  onSubmitAsNew,
}: {
  outcome: Extract<SubmitOutcome, { kind: 'created' }>;
  /** The submission as last seen: the created one, then each update of its task. */
  submission: Submission;
  onSubmitAsNew: () => void;
}) {
  const status = submission.displayStatus;
  const tone = status === 'succeeded' || status === 'failed' ? TONES[status] : 'info';
  return (
    <Notice tone={tone} title={outcome.replayed ? 'Already submitted' : statusLabel(status)}>
      {outcome.replayed ? (
        <p>
          Already submitted: this request is task{' '}
          <output className="break-all font-mono font-semibold">{submission.taskId}</output>. Nothing was paid
          twice.
        </p>
      ) : (
        <p>
          Task ID: <output className="break-all font-mono font-semibold">{submission.taskId}</output>
        </p>
      )}
      <div className="mt-2">
        <TaskProgress submission={submission} />
      </div>
      <p className="mt-2">
        <Link className="font-medium underline" href={`/submissions/${submission.id}`}>
          View submission
        </Link>
      </p>
      {outcome.replayed && (
        <p className="mt-2">
          <Button onClick={onSubmitAsNew}>Send again as a new task</Button>
        </p>
      )}
    </Notice>
  );
}

interface LiveResultProps {
  outcome: Extract<SubmitOutcome, { kind: 'created' }>;
  onSubmitAsNew: () => void;
  /** The status in a few words, for the submit bar on phones. */
  onStatusLine: (line: string) => void;
}

/** Follows the submission with the same query as its detail page (asked again until the task ends). */
function Followed({ outcome, onSubmitAsNew, onStatusLine }: LiveResultProps) {
  const { data: submission = outcome.submission } = useQuery(
    submissionQuery(outcome.submission.id, outcome.submission),
  );
  const line = `Task ${submission.taskId}: ${statusLabel(submission.displayStatus)}.`;
  useEffect(() => onStatusLine(line), [line, onStatusLine]);
  return <CreatedResult outcome={outcome} submission={submission} onSubmitAsNew={onSubmitAsNew} />;
}

export default function LiveResult(props: LiveResultProps) {
  return (
    <QueryProvider>
      <Followed {...props} />
    </QueryProvider>
  );
}
