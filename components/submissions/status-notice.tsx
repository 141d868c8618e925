import { Notice } from '@/components/ui/notice';
import type { Submission } from '@/lib/submissions/submission';
import { failureHeading, failureReason } from './failure-words';

/** The failure as the app recorded it: its code in small print, the reason in words, the upstream's HTTP status. */
function FailureDetails({ submission }: { submission: Submission }) {
  return (
    <>
      {submission.error && (
        <p className="mb-1 text-xs opacity-80">
          Code <code className="font-mono">{submission.error.code}</code>
        </p>
      )}
      <p className="whitespace-pre-wrap break-words">{failureReason(submission)}</p>
      {submission.error?.upstreamStatus != null && (
        <p className="mt-1">Video service answered HTTP {submission.error.upstreamStatus}.</p>
      )}
    </>
  );
}

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

/** What the status means for the reader, and what happens next. */
export function StatusNotice({ submission }: { submission: Submission }) {
  const heading = failureHeading(submission.error?.code);
  switch (submission.displayStatus) {
    case 'pending':
      return (
        <Notice tone="info" role="status">
          The request is stored and the video service has not answered yet. It is never sent a second time.
        </Notice>
      );
    case 'checking':
      // A create call that failed uncertainly keeps its error; one whose answer was lost has none.
      return submission.error ? (
        <Notice tone="warning" role="status" title={`Unknown, checking: ${lowerFirst(heading)}`}>
          <FailureDetails submission={submission} />
        </Notice>
      ) : (
        <Notice tone="warning" role="status">
          {submission.statusMessage}
        </Notice>
      );
    case 'failed':
      return (
        <Notice tone="error" role="alert" title={heading}>
          <FailureDetails submission={submission} />
        </Notice>
      );
    case 'succeeded':
      return null;
    default:
      return (
        <Notice tone="info" role="status">
          {submission.displayStatus === 'submitted'
            ? 'Queued at the video service.'
            : 'The video service is making the video.'}{' '}
          {submission.statusMessage ? `${submission.statusMessage} ` : ''}This page follows it live.
        </Notice>
      );
  }
}
