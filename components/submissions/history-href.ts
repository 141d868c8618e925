import type { ExportFormat } from '@/lib/contract/export';

/** The list's filters as the history's address holds them (see the list query in docs/api.md). */
export const HISTORY_FILTER_KEYS = ['view', 'status', 'review', 'mine', 'createdBy', 'q'] as const;

/** What the history page's address holds; links keep the filters and the compare choice, and drop the rest. */
export type HistoryState = Partial<Record<(typeof HISTORY_FILTER_KEYS)[number], string>> & {
  cursor?: string;
  /** A submission chosen for comparison: each row then offers to compare with it. */
  compareWith?: string;
};

const ORDER = [...HISTORY_FILTER_KEYS, 'compareWith', 'cursor'] as const;

export function historyHref(state: HistoryState): string {
  const params = new URLSearchParams();
  for (const key of ORDER) {
    const value = state[key];
    if (value) params.set(key, value);
  }
  return params.size ? `/submissions?${params}` : '/submissions';
}

/** The export of what the history shows: the same filters, every page. */
export function exportHref(state: HistoryState, format: ExportFormat): string {
  const { cursor: _cursor, compareWith: _compareWith, ...filters } = state;
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return `/api/submissions/export?${params}`;
}

export function compareHref(a: string, b: string): string {
  return `/compare?${new URLSearchParams({ a, b })}`;
}
