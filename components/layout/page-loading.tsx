/** What a page shows while its server part is still working (the database can take seconds to open). */
export function PageLoading({ children }: { children: string }) {
  return (
    <div role="status" className="flex items-center gap-3 py-6 text-sm text-slate-700">
      <span
        aria-hidden="true"
        className="size-4 shrink-0 rounded-full border-2 border-slate-300 border-t-indigo-700 motion-safe:animate-spin"
      />
      <span>{children}</span>
    </div>
  );
}
