/** Shown on every page when no upstream is configured: one line, with how to connect behind a disclosure. */
export function DemoModeBanner() {
  return (
    <div
      role="note"
      aria-label="Demo mode"
      className="border-b border-amber-300 bg-amber-100 px-4 py-1.5 text-xs text-amber-950 sm:text-sm"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-baseline gap-x-2">
        <p>
          <strong>Demo mode</strong>: nothing is charged.
        </p>
        <details className="open:basis-full">
          <summary className="cursor-pointer underline">How to connect</summary>
          <p className="pt-1 pb-1">
            Requests go to a simulator built into the app, not to the real video service: each task succeeds
            after a few seconds with a sample video. To submit for real, the operator sets{' '}
            <code>KLING_API_BASE_URL</code> and <code>KLING_API_KEY</code> on the server and restarts it (see
            the README).
          </p>
        </details>
      </div>
    </div>
  );
}
