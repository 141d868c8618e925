/** Shown on every page when no upstream is configured: nothing submitted here costs anything. */
export function DemoModeBanner() {
  return (
    <div
      role="note"
      aria-label="Demo mode"
      className="border-b border-amber-300 bg-amber-100 px-4 py-2 text-center text-sm text-amber-950"
    >
      <strong>Demo mode</strong>: requests go to the built-in simulator, not to the real video service, so
      nothing is charged. Set <code>KLING_API_BASE_URL</code> and <code>KLING_API_KEY</code> to submit for
      real.
    </div>
  );
}
