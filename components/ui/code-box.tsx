import { cn } from './cn';

/** Preformatted text in a scrollable box that takes keyboard focus, so it can be scrolled without a mouse. */
export function CodeBox({ label, text, className }: { label: string; text: string; className?: string }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
      tabIndex={0}
      className={cn(
        'max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 focus-visible:outline-2 focus-visible:outline-indigo-600',
        className,
      )}
    >
      <pre className="text-xs leading-relaxed text-slate-100">{text}</pre>
    </section>
  );
}
