import { Button } from '@/components/ui/button';
import { inputClassName } from '@/components/ui/form-field';
import { LIST_LIMIT } from '@/lib/contract/request-limits';
import { HISTORY_FILTER_KEYS, type HistoryState } from './history-href';

/** The search box: a plain GET form (works without JavaScript) that keeps the other filters. */
export function HistorySearch({ state }: { state: HistoryState }) {
  return (
    <search>
      <form method="get" action="/submissions" className="flex flex-wrap items-end gap-3">
        {HISTORY_FILTER_KEYS.filter((key) => key !== 'q').map((key) =>
          state[key] ? <input key={key} type="hidden" name={key} value={state[key]} /> : null,
        )}
        {state.compareWith && <input type="hidden" name="compareWith" value={state.compareWith} />}
        <div className="flex min-w-0 flex-1 basis-64 flex-col gap-1">
          <label htmlFor="filter-q" className="text-sm font-medium">
            Search
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={state.q}
            maxLength={LIST_LIMIT.searchMax}
            placeholder="Words from the prompt, a task ID or an external task ID"
            aria-describedby="filter-q-hint"
            className={inputClassName}
          />
          <p id="filter-q-hint" className="text-xs text-slate-600">
            Every word must match, in any order; case does not matter.
          </p>
        </div>
        <Button type="submit" variant="primary" className="mb-5">
          Apply
        </Button>
      </form>
    </search>
  );
}
