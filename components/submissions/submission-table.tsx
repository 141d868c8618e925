import Link from 'next/link';
import type { Submission } from '@/lib/submissions/submission';
import { Timestamp } from './format-time';
import { StatusBadge } from './status-badge';

function promptPreview(submission: Submission): string {
  const prompt = typeof submission.request.prompt === 'string' ? submission.request.prompt.trim() : '';
  if (!prompt) return '(no prompt: images, video or elements only)';
  return prompt.length > 90 ? `${prompt.slice(0, 90)}…` : prompt;
}

export function SubmissionTable({ items }: { items: Submission[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Submissions, newest first</caption>
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              Created
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            <th scope="col" className="px-3 py-2">
              Prompt
            </th>
            <th scope="col" className="px-3 py-2">
              Task ID
            </th>
            <th scope="col" className="px-3 py-2">
              External task ID
            </th>
            <th scope="col" className="px-3 py-2">
              Model
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {items.map((submission) => (
            <tr key={submission.id} className="align-top hover:bg-slate-50">
              <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                <Timestamp iso={submission.createdAt} />
              </td>
              <td className="px-3 py-2">
                <StatusBadge submission={submission} />
              </td>
              <td className="max-w-md min-w-48 px-3 py-2 break-words">
                <Link
                  href={`/submissions/${submission.id}`}
                  className="font-medium text-indigo-800 hover:underline"
                >
                  {promptPreview(submission)}
                </Link>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{submission.taskId ?? '—'}</td>
              <td className="px-3 py-2 font-mono text-xs">{submission.externalTaskId}</td>
              <td className="px-3 py-2">{submission.model}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
