import type { ReactNode } from 'react';
import { cn } from './cn';

type Tone = 'info' | 'warning' | 'error' | 'success';

const TONES: Record<Tone, string> = {
  info: 'border-sky-300 bg-sky-50 text-sky-950',
  warning: 'border-amber-300 bg-amber-50 text-amber-950',
  error: 'border-red-300 bg-red-50 text-red-950',
  success: 'border-emerald-300 bg-emerald-50 text-emerald-950',
};

/** A boxed message; `role` decides whether screen readers announce it. */
export function Notice({
  tone,
  title,
  children,
  role,
}: {
  tone: Tone;
  title?: string;
  children: ReactNode;
  role?: 'status' | 'alert';
}) {
  return (
    <div role={role} className={cn('rounded-md border px-4 py-3 text-sm', TONES[tone])}>
      {title && <p className="font-semibold">{title}</p>}
      <div className={cn(title && 'mt-1')}>{children}</div>
    </div>
  );
}
