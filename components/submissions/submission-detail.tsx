import type { ReactNode } from 'react';
import { Notice } from '@/components/ui/notice';
import type { Submission } from '@/lib/submissions/submission';
import { Timestamp } from './format-time';
import { JsonBlock } from './json-block';
import { ReuseButton } from './reuse-button';
import { StatusBadge } from './status-badge';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1">
      <dt className="font-medium text-slate-700">{term}</dt>
      <dd className="break-all">{children}</dd>
    </div>
  );
}

export function SubmissionDetail({ submission }: { submission: Submission }) {
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h1 className="text-2xl font-bold text-slate-900">Submission</h1>
          <StatusBadge status={submission.status} />
        </div>
        <ReuseButton submissionId={submission.id} />
      </div>

      {submission.status === 'pending' && (
        <Notice tone="info" role="status">
          The request is stored and the video service has not answered yet. It is never sent a second time.
        </Notice>
      )}
      {submission.error && (
        <Notice tone="error" role="alert" title={`Failed: ${submission.error.code}`}>
          <p>{submission.error.message}</p>
          {submission.error.upstreamStatus !== null && (
            <p className="mt-1">Video service answered HTTP {submission.error.upstreamStatus}.</p>
          )}
        </Notice>
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
        <Row term="App ID">
          <span className="font-mono">{submission.id}</span>
        </Row>
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="request-title" className="flex flex-col gap-2">
          <h2 id="request-title" className="text-lg font-semibold">
            Request
          </h2>
          <p className="text-sm text-slate-600">The exact body sent to the video service.</p>
          <JsonBlock label="Request JSON" value={submission.request} />
        </section>
        <section aria-labelledby="response-title" className="flex flex-col gap-2">
          <h2 id="response-title" className="text-lg font-semibold">
            Upstream response
          </h2>
          <p className="text-sm text-slate-600">What the video service answered.</p>
          {submission.response ? (
            <JsonBlock label="Response JSON" value={submission.response} />
          ) : (
            <p className="rounded-md border border-dashed border-slate-300 p-3 text-sm text-slate-600">
              No response recorded.
            </p>
          )}
        </section>
      </div>
    </div>
  );
}
