'use client';
import { useRouter } from 'next/navigation';
import { type ReactNode, useState } from 'react';
import { Button } from '@/components/ui/button';
import { compareHref } from './history-href';

/**
 * The history's rows with their checkboxes, and "Compare selected" once exactly two are picked.
 * Without JavaScript the form still goes to /compare with both IDs.
 */
export function CompareSelection({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);

  function onChange(event: React.ChangeEvent<HTMLFormElement>) {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
    setSelected((current) =>
      box.checked
        ? [...current.filter((id) => id !== box.value), box.value]
        : current.filter((id) => id !== box.value),
    );
  }

  const [a, b] = selected;
  const ready = selected.length === 2 && a !== undefined && b !== undefined;
  return (
    <form
      method="get"
      action="/compare"
      onChange={onChange}
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) router.push(compareHref(a, b));
      }}
      className="flex flex-col gap-3"
    >
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={!ready} aria-describedby="compare-hint">
          Compare selected
        </Button>
        <p id="compare-hint" className="text-sm text-slate-600" aria-live="polite">
          {selected.length === 2
            ? 'Two selected: compare their requests and videos side by side.'
            : `Select two submissions to compare (${selected.length} selected).`}
        </p>
      </div>
    </form>
  );
}
