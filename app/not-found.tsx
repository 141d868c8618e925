import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClassName } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Not found' };

export default function NotFound() {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold text-slate-900">Not found</h1>
      <p className="text-sm text-slate-700">
        There is no page or submission at this address. Check the link, or find the submission in the history.
      </p>
      <div className="flex flex-wrap gap-3">
        <Link href="/submissions" className={buttonClassName('primary')}>
          Open the history
        </Link>
        <Link href="/" className={buttonClassName()}>
          Compose a request
        </Link>
      </div>
    </div>
  );
}
