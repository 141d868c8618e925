import type { DisplayStatus, Submission } from '@/lib/submissions/submission';

const STYLES: Record<DisplayStatus, { label: string; className: string }> = {
  pending: { label: 'Pending', className: 'bg-slate-200 text-slate-900' },
  checking: { label: 'Unknown, checking', className: 'bg-amber-100 text-amber-950' },
  submitted: { label: 'Submitted', className: 'bg-sky-100 text-sky-900' },
  processing: { label: 'Processing', className: 'bg-indigo-100 text-indigo-900' },
  succeeded: { label: 'Succeeded', className: 'bg-emerald-100 text-emerald-900' },
  failed: { label: 'Failed', className: 'bg-red-100 text-red-900' },
};

export function StatusBadge({ submission }: { submission: Pick<Submission, 'displayStatus'> }) {
  const style = STYLES[submission.displayStatus];
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ${style.className}`}>
      {style.label}
    </span>
  );
}

export function statusLabel(status: DisplayStatus): string {
  return STYLES[status].label;
}
