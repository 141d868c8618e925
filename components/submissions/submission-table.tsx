import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { DECISION_WORDS } from '@/lib/contract/accounts';
import { settingsLine, viewRequest } from '@/lib/submissions/request-view';
import type { Submission } from '@/lib/submissions/submission';
import { failureHeading, failureReason } from './failure-words';
import { Timestamp } from './format-time';
import { compareHref } from './history-href';
import { PosterFrame } from './poster-frame';
import { StatusBadge } from './status-badge';

const PREVIEW_LENGTH = 140;

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

function promptPreview(submission: Submission): string {
  const prompt = viewRequest(submission.request).prompt.trim();
  return prompt ? clip(prompt, PREVIEW_LENGTH) : '(no prompt: images, video or elements only)';
}

/** A cell; below 640 px the row is a card and each cell a block in it, labelled where its meaning is not plain. */
function Cell({ label, className, children }: { label?: string; className?: string; children: ReactNode }) {
  return (
    <td className={cn('px-3 py-2 align-top max-sm:block max-sm:px-0 max-sm:py-1', className)}>
      {label && (
        <span aria-hidden="true" className="mr-1 text-xs font-medium text-slate-600 sm:hidden">
          {label}:
        </span>
      )}
      {children}
    </td>
  );
}

/** The first cell: pick the row for comparison, or compare it with the submission already chosen. */
function SelectCell({ submission, compareWith }: { submission: Submission; compareWith?: string }) {
  const preview = clip(promptPreview(submission), 60);
  if (compareWith) {
    return submission.id === compareWith ? (
      <span className="text-xs text-slate-600">Chosen</span>
    ) : (
      <Link
        href={compareHref(compareWith, submission.id)}
        className="text-sm font-medium text-indigo-800 underline"
      >
        Compare<span className="sr-only"> with this: {preview}</span>
      </Link>
    );
  }
  return (
    <label className="inline-flex items-center gap-2 text-xs text-slate-700">
      <input type="checkbox" name="id" value={submission.id} className="size-4 accent-indigo-700" />
      <span className="sr-only">Select for comparison: {preview}</span>
      <span aria-hidden="true" className="sm:hidden">
        Select to compare
      </span>
    </label>
  );
}

/**
 * The history: a table from 640 px up, one card per submission below (the same cells stacked, so
 * the page never scrolls sideways on a phone).
 */
export function SubmissionTable({ items, compareWith }: { items: Submission[]; compareWith?: string }) {
  return (
    <div className="sm:overflow-x-auto sm:rounded-lg sm:border sm:border-slate-300 sm:bg-white">
      <table className="w-full text-sm max-sm:block">
        <caption className="sr-only">Submissions, newest first</caption>
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-700 max-sm:sr-only">
          <tr>
            <th scope="col" className="px-3 py-2">
              {compareWith ? 'Compare' : 'Select'}
            </th>
            <th scope="col" className="px-3 py-2">
              Video
            </th>
            <th scope="col" className="px-3 py-2">
              Prompt
            </th>
            <th scope="col" className="px-3 py-2">
              Status and review
            </th>
            <th scope="col" className="px-3 py-2">
              Settings
            </th>
            <th scope="col" className="px-3 py-2">
              Created by
            </th>
            <th scope="col" className="px-3 py-2">
              Task IDs
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 max-sm:flex max-sm:flex-col max-sm:gap-3 max-sm:divide-y-0">
          {items.map((submission) => {
            const failed = submission.displayStatus === 'failed';
            return (
              <tr
                key={submission.id}
                className="hover:bg-slate-50 max-sm:flex max-sm:flex-col max-sm:rounded-lg max-sm:border max-sm:border-slate-300 max-sm:bg-white max-sm:p-3"
              >
                <Cell>
                  <SelectCell submission={submission} compareWith={compareWith} />
                </Cell>
                <Cell className="sm:w-32">
                  <PosterFrame submission={submission} />
                </Cell>
                <Cell className="sm:min-w-60">
                  <Link
                    href={`/submissions/${submission.id}`}
                    className="font-medium text-indigo-800 wrap-anywhere hover:underline"
                  >
                    {promptPreview(submission)}
                  </Link>
                  {failed && (
                    <p className="mt-1 text-xs text-red-900 wrap-anywhere">
                      <span className="font-semibold">{failureHeading(submission.error?.code)}:</span>{' '}
                      {clip(failureReason(submission), PREVIEW_LENGTH)}
                    </p>
                  )}
                </Cell>
                <Cell>
                  <StatusBadge submission={submission} />
                  <span className="mt-1 block text-xs text-slate-600 max-sm:ml-2 max-sm:inline">
                    {submission.review
                      ? `${DECISION_WORDS[submission.review.decision]} by ${submission.review.reviewer.name}`
                      : 'Not reviewed'}
                  </span>
                </Cell>
                <Cell label="Settings" className="whitespace-nowrap">
                  {settingsLine(viewRequest(submission.request))}
                  <span className="block text-xs text-slate-600 max-sm:inline max-sm:before:content-['_·_']">
                    {submission.model}
                  </span>
                </Cell>
                <Cell label="Created" className="text-slate-700 sm:w-32">
                  <Timestamp iso={submission.createdAt} />
                  <span className="block text-xs text-slate-600 max-sm:ml-1 max-sm:inline">
                    {submission.createdBy ? `by ${submission.createdBy.name}` : 'before accounts'}
                  </span>
                </Cell>
                <Cell className="font-mono text-xs break-all sm:w-60">
                  <span className="block">
                    <span className="font-sans text-slate-600">Task </span>
                    {submission.taskId ?? '—'}
                  </span>
                  <span className="block">
                    <span className="font-sans text-slate-600">External </span>
                    {submission.externalTaskId}
                  </span>
                </Cell>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
