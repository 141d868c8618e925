import { cn } from './cn';

/**
 * Preformatted text in a scrollable box that takes keyboard focus, so it can be scrolled without a
 * mouse. Long lines wrap (a 2,500-character prompt or a long URL is one JSON line), so the box never
 * widens its column or the page.
 */
export function CodeBox({ label, text, className }: { label: string; text: string; className?: string }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
      tabIndex={0}
      className={cn(
        'max-h-[32rem] min-w-0 overflow-auto rounded-md bg-code p-3 focus-visible:outline-2 focus-visible:outline-indigo-600',
        className,
      )}
    >
      <pre className="whitespace-pre-wrap text-xs leading-relaxed text-code-ink wrap-anywhere">{text}</pre>
    </section>
  );
}
