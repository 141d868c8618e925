'use client';
import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { inputClassName } from '@/components/ui/form-field';
import { LIST_LIMIT } from '@/lib/contract/request-limits';
import { SUBMISSION_STATUSES } from '@/lib/submissions/submission';
import { statusLabel } from './status-badge';

/** Status filter and search. A plain GET form, so it works without JavaScript; with it, the status applies at once. */
export function HistoryFilters({ status, q }: { status: string; q: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);

  function apply() {
    const data = new FormData(formRef.current ?? undefined);
    const params = new URLSearchParams();
    for (const key of ['status', 'q'] as const) {
      const value = String(data.get(key) ?? '').trim();
      if (value) params.set(key, value);
    }
    router.push(params.size ? `/submissions?${params}` : '/submissions');
  }

  return (
    <search>
      <form
        ref={formRef}
        method="get"
        action="/submissions"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
        className="flex flex-wrap items-end gap-3"
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-status" className="text-sm font-medium">
            Status
          </label>
          <select
            id="filter-status"
            name="status"
            defaultValue={status}
            onChange={apply}
            className={inputClassName}
          >
            <option value="">All statuses</option>
            {SUBMISSION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex min-w-64 flex-1 flex-col gap-1">
          <label htmlFor="filter-q" className="text-sm font-medium">
            Search
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={LIST_LIMIT.searchMax}
            placeholder="Prompt, task ID or external task ID"
            className={inputClassName}
          />
        </div>
        <Button type="submit" variant="primary">
          Apply
        </Button>
      </form>
    </search>
  );
}
