'use client';
import Link from 'next/link';
import { Button, buttonClassName } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';

/** Next hands a server error to the browser without its message; its digest finds it in the server's log. */
function digestOf(error: unknown): string | null {
  const digest = error instanceof Error ? (error as Error & { digest?: unknown }).digest : undefined;
  return typeof digest === 'string' ? digest : null;
}

/** A page that failed: what happened, what to do next, and a way to try again. */
export function PageError({
  title,
  message,
  error,
  retry,
  other,
}: {
  title: string;
  message: string;
  error: unknown;
  retry: () => void;
  /** Somewhere else to go, when trying again does not help. */
  other: { href: string; label: string };
}) {
  const digest = digestOf(error);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      <Notice tone="error" role="alert" title="Something went wrong">
        <p>{message}</p>
        <p className="mt-1">
          Try again in a few seconds: the server may still be starting. If it keeps failing, ask the
          administrator to check the server&apos;s log
          {digest ? (
            <>
              {' '}
              for reference <code className="font-mono">{digest}</code>
            </>
          ) : null}
          .
        </p>
      </Notice>
      <div className="flex flex-wrap gap-3">
        <Button variant="primary" onClick={retry}>
          Try again
        </Button>
        <Link href={other.href} className={buttonClassName()}>
          {other.label}
        </Link>
      </div>
    </div>
  );
}
