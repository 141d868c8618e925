import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { type FieldComparison, fieldLabel, fieldNoun, isTakeableField } from '@/lib/compare/request-fields';
import { diffWords } from '@/lib/compare/word-diff';

const WORD_DIFF_FIELDS = new Set(['prompt', 'negative_prompt']);

const REMOVED = 'rounded-sm bg-red-100 text-red-950 line-through decoration-red-700/60';
const ADDED = 'rounded-sm bg-emerald-100 text-emerald-950 no-underline';

/** One side's value: differing prompts word by word, any other differing value whole. */
function Value({ row, side }: { row: FieldComparison; side: 'a' | 'b' }) {
  const text = row[side];
  const Mark = side === 'a' ? 'del' : 'ins';
  const markClass = side === 'a' ? REMOVED : ADDED;
  if (!text) return <span className="italic text-slate-600">not set</span>;
  if (!row.differs) return <>{text}</>;
  if (WORD_DIFF_FIELDS.has(row.field) && row.a && row.b) {
    return (
      <>
        {diffWords(row.a, row.b)[side].map((part, i) =>
          part.changed ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts are fixed for this render.
            <Mark key={i} className={markClass}>
              {part.text}
            </Mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts are fixed for this render.
            <span key={i}>{part.text}</span>
          ),
        )}
      </>
    );
  }
  return <Mark className={markClass}>{text}</Mark>;
}

function SideLabel({ children }: { children: ReactNode }) {
  return (
    <span aria-hidden="true" className="mr-1 font-sans text-xs font-semibold text-slate-600 sm:hidden">
      {children}
    </span>
  );
}

/**
 * Both requests field by field: a differing row is marked (`data-diff`), A's value struck through
 * (`del`), B's underlined as added (`ins`), and "Reuse A with B's …" opens the composer with that change.
 */
export function CompareFields({ rows, a, b }: { rows: FieldComparison[]; a: string; b: string }) {
  // Each task has its own external task ID: that difference is shown, not counted.
  const differing = rows.filter((row) => row.differs && isTakeableField(row.field)).length;
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-slate-700" role="status">
        {differing === 0
          ? 'The two requests are the same.'
          : `${differing} ${differing === 1 ? 'field differs' : 'fields differ'}.`}
      </p>
      <div className="sm:overflow-x-auto sm:rounded-lg sm:border sm:border-slate-300 sm:bg-white">
        <table className="w-full text-sm max-sm:block">
          <caption className="sr-only">The two requests, field by field</caption>
          <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-700 max-sm:sr-only">
            <tr>
              <th scope="col" className="px-3 py-2">
                Field
              </th>
              <th scope="col" className="px-3 py-2">
                A
              </th>
              <th scope="col" className="px-3 py-2">
                B
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Reuse</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 max-sm:flex max-sm:flex-col max-sm:gap-3 max-sm:divide-y-0">
            {rows.map((row) => (
              <tr
                key={row.field}
                data-diff={row.differs ? 'true' : undefined}
                className={cn(
                  'align-top max-sm:flex max-sm:flex-col max-sm:gap-1 max-sm:rounded-lg max-sm:border max-sm:border-slate-300 max-sm:bg-white max-sm:p-3',
                  row.differs && 'bg-amber-50 max-sm:bg-amber-50',
                )}
              >
                <th scope="row" className="px-3 py-2 text-left font-medium max-sm:p-0 sm:w-40">
                  {fieldLabel(row.field)}
                  {row.differs && <span className="ml-1 text-xs font-normal text-amber-900">(differs)</span>}
                </th>
                <td className="whitespace-pre-wrap px-3 py-2 wrap-anywhere max-sm:p-0">
                  <SideLabel>A:</SideLabel>
                  <Value row={row} side="a" />
                </td>
                <td className="whitespace-pre-wrap px-3 py-2 wrap-anywhere max-sm:p-0">
                  <SideLabel>B:</SideLabel>
                  <Value row={row} side="b" />
                </td>
                <td className="px-3 py-2 max-sm:p-0 sm:w-48">
                  {row.differs && isTakeableField(row.field) && (
                    <Link
                      href={`/?${new URLSearchParams({ from: a, with: b, take: row.field })}`}
                      className="text-sm font-medium text-indigo-800 underline"
                    >
                      Reuse A with B's {fieldNoun(row.field)}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
