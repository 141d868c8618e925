'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { callbackDeliveriesQuery, isOpen, submissionQuery } from '@/lib/client/submission-queries';
import { refreshSubmission } from '@/lib/client/submissions-api';
import type { Submission } from '@/lib/submissions/submission';
import { CallbackLog } from './callback-log';
import { Timestamp } from './format-time';
import { JsonBlock } from './json-block';
import { ReuseButton } from './reuse-button';
import { StatusBadge } from './status-badge';
import { VideoPlayer } from './video-player';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-x-2 py-1 sm:grid-cols-[10rem_minmax(0,1fr)]">
      <dt className="font-medium text-slate-700">{term}</dt>
      <dd className="min-w-0 break-all">{children}</dd>
    </div>
  );
}

/** The failure as the upstream left it: its code, words and HTTP status. */
function FailureDetails({ submission }: { submission: Submission }) {
  return (
    <>
      <p>{submission.error?.message ?? submission.statusMessage ?? 'The task failed.'}</p>
      {submission.error?.upstreamStatus != null && (
        <p className="mt-1">Video service answered HTTP {submission.error.upstreamStatus}.</p>
      )}
    </>
  );
}

/** What the status means for the reader, and what happens next. */
function StatusNotice({ submission }: { submission: Submission }) {
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
        <Notice tone="warning" role="status" title={`Unknown, checking: ${submission.error.code}`}>
          <FailureDetails submission={submission} />
        </Notice>
      ) : (
        <Notice tone="warning" role="status">
          {submission.statusMessage}
        </Notice>
      );
    case 'failed':
      return (
        <Notice
          tone="error"
          role="alert"
          title={`Failed${submission.error ? `: ${submission.error.code}` : ''}`}
        >
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

export function SubmissionDetail({ initial }: { initial: Submission }) {
  const queryClient = useQueryClient();
  const { data: submission = initial } = useQuery(submissionQuery(initial.id, initial));
  const open = isOpen(submission);
  const deliveries = useQuery(callbackDeliveriesQuery(initial.id, open));
  // A change to the submission (often made by a callback) can come with a delivery the list has not
  // fetched yet; the one that finishes the task would otherwise never show, as the list then stops
  // refreshing itself.
  const seenUpdatedAt = useRef(submission.updatedAt);
  useEffect(() => {
    if (seenUpdatedAt.current === submission.updatedAt) return;
    seenUpdatedAt.current = submission.updatedAt;
    void queryClient.invalidateQueries({ queryKey: ['submissions', initial.id, 'callbacks'] });
  }, [submission.updatedAt, initial.id, queryClient]);
  const refresh = useMutation({
    mutationFn: () => refreshSubmission(initial.id),
    onSuccess: (fresh) => {
      queryClient.setQueryData(submissionQuery(initial.id).queryKey, fresh);
      void queryClient.invalidateQueries({ queryKey: ['submissions', initial.id, 'callbacks'] });
    },
  });

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h1 className="text-2xl font-bold text-slate-900">Submission</h1>
          <output aria-label="Status" aria-live="polite">
            <StatusBadge submission={submission} />
          </output>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => refresh.mutate()} disabled={refresh.isPending}>
            {refresh.isPending ? 'Checking…' : 'Check status now'}
          </Button>
          <ReuseButton submissionId={submission.id} />
        </div>
      </div>
      {refresh.isError && (
        <Notice tone="error" role="alert">
          {refresh.error.message} The status is checked again automatically.
        </Notice>
      )}

      <StatusNotice submission={submission} />
      {submission.video && (
        <section aria-labelledby="video-title" className="flex flex-col gap-2">
          <h2 id="video-title" className="text-lg font-semibold">
            Video
          </h2>
          <VideoPlayer video={submission.video} />
        </section>
      )}

      <dl className="rounded-lg border border-slate-300 bg-white p-4 text-sm">
        <Row term="Task ID">
          <span className="font-mono">{submission.taskId ?? 'none yet'}</span>
        </Row>
        <Row term="External task ID">
          <span className="font-mono">{submission.externalTaskId}</span>
        </Row>
        <Row term="Model">{submission.model}</Row>
        <Row term="Created">
          <Timestamp iso={submission.createdAt} />
        </Row>
        <Row term="Updated">
          <Timestamp iso={submission.updatedAt} />
        </Row>
        <Row term="Last checked">
          {submission.refreshedAt ? <Timestamp iso={submission.refreshedAt} /> : 'not yet'}
        </Row>
        <Row term="App ID">
          <span className="font-mono">{submission.id}</span>
        </Row>
      </dl>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <section aria-labelledby="request-title" className="flex min-w-0 flex-col gap-2">
          <h2 id="request-title" className="text-lg font-semibold">
            Request
          </h2>
          <p className="text-sm text-slate-600">The exact body sent to the video service.</p>
          <JsonBlock label="Request JSON" value={submission.request} />
        </section>
        <section aria-labelledby="response-title" className="flex min-w-0 flex-col gap-2">
          <h2 id="response-title" className="text-lg font-semibold">
            Upstream response
          </h2>
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

      <section aria-labelledby="callbacks-title" className="flex flex-col gap-2">
        <h2 id="callbacks-title" className="text-lg font-semibold">
          Callbacks
        </h2>
        <p className="text-sm text-slate-600">Status updates the video service sent to this app.</p>
        {deliveries.data ? (
          <CallbackLog deliveries={deliveries.data} />
        ) : (
          <p className="text-sm text-slate-600">
            {deliveries.isError ? 'Could not load callbacks.' : 'Loading…'}
          </p>
        )}
      </section>
    </div>
  );
}
