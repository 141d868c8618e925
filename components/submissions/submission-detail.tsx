'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type ReactNode, useEffect, useRef } from 'react';
import { Button, buttonClassName } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import {
  callbackDeliveriesQuery,
  isOpen,
  submissionEventsQuery,
  submissionQuery,
} from '@/lib/client/submission-queries';
import { refreshSubmission } from '@/lib/client/submissions-api';
import type { Submission, SubmissionEvent } from '@/lib/submissions/submission';
import { CallbackLog } from './callback-log';
import { detailTitle } from './detail-title';
import { Timestamp } from './format-time';
import { RawJson } from './raw-json';
import { RequestParameters } from './request-parameters';
import { StatusBadge } from './status-badge';
import { StatusNotice } from './status-notice';
import { StatusTimeline } from './status-timeline';
import { VideoPlayer } from './video-player';

const SITE_NAME = 'Omni Video Studio';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 py-1.5">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{term}</dt>
      <dd className="wrap-anywhere">{children}</dd>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col gap-2">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * One submission, followed live while its task is open (an uncertain failure that is still being
 * looked up counts as open). `aside` (the review panel) sits under the details on wide screens and
 * after the submission on a phone.
 */
export function SubmissionDetail({
  initial,
  initialEvents,
  aside,
}: {
  initial: Submission;
  initialEvents: SubmissionEvent[];
  aside?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const { data: submission = initial } = useQuery(submissionQuery(initial.id, initial));
  const open = isOpen(submission);
  const deliveries = useQuery(callbackDeliveriesQuery(initial.id, open));
  const events = useQuery(submissionEventsQuery(initial.id, open, initialEvents));
  // A change to the submission (often made by a callback) comes with a timeline entry and perhaps a
  // delivery the lists have not fetched yet; the one that finishes the task would otherwise never
  // show, as the lists then stop refreshing themselves.
  const seenUpdatedAt = useRef(submission.updatedAt);
  useEffect(() => {
    if (seenUpdatedAt.current === submission.updatedAt) return;
    seenUpdatedAt.current = submission.updatedAt;
    void queryClient.invalidateQueries({ queryKey: ['submissions', initial.id, 'callbacks'] });
    void queryClient.invalidateQueries({ queryKey: ['submissions', initial.id, 'events'] });
  }, [submission.updatedAt, initial.id, queryClient]);
  useEffect(() => {
    document.title = `${detailTitle(submission)} · ${SITE_NAME}`;
  }, [submission]);
  const refresh = useMutation({
    mutationFn: () => refreshSubmission(initial.id),
    onSuccess: (fresh) => {
      queryClient.setQueryData(submissionQuery(initial.id).queryKey, fresh);
    },
  });

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h1 className="text-2xl font-bold text-slate-900">Submission</h1>
          <output aria-label="Status" aria-live="polite">
            <StatusBadge submission={submission} />
          </output>
        </div>
        <div className="flex flex-wrap gap-2">
          {open && (
            <Button onClick={() => refresh.mutate()} disabled={refresh.isPending}>
              {refresh.isPending ? 'Checking…' : 'Check status now'}
            </Button>
          )}
          <Link href={`/submissions?compareWith=${submission.id}`} className={buttonClassName()}>
            Compare with…
          </Link>
          <Link href={`/?from=${submission.id}`} className={buttonClassName('primary')}>
            Reuse in composer
          </Link>
        </div>
      </div>
      {refresh.isError && (
        <Notice tone="error" role="alert">
          {refresh.error.message} The status is checked again automatically.
        </Notice>
      )}

      <StatusNotice submission={submission} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:grid-rows-[auto_1fr]">
        {/* The details come first in reading order (on top on a phone); wide screens put them on the right. */}
        <aside
          aria-label="Details"
          className="flex min-w-0 flex-col gap-6 lg:col-start-2 lg:row-start-1 lg:self-start"
        >
          <dl className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm">
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
        </aside>
        <div className="flex min-w-0 flex-col gap-6 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          {submission.video && (
            <Section id="video-title" title="Video">
              <VideoPlayer video={submission.video} />
            </Section>
          )}
          <RequestParameters request={submission.request} />
          <Section id="timeline-title" title="Status timeline">
            <StatusTimeline events={events.data ?? []} />
          </Section>
          <Section id="callbacks-title" title="Callbacks">
            <p className="text-sm text-slate-600">Status updates the video service sent to this app.</p>
            {deliveries.data ? (
              <div className="overflow-x-auto">
                <CallbackLog deliveries={deliveries.data} />
              </div>
            ) : (
              <p className="text-sm text-slate-600">
                {deliveries.isError ? 'Could not load callbacks.' : 'Loading…'}
              </p>
            )}
          </Section>
          <RawJson submission={submission} />
        </div>
        {aside && <div className="flex min-w-0 flex-col gap-6 lg:col-start-2 lg:row-start-2">{aside}</div>}
      </div>
    </div>
  );
}
