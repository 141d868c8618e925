import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CodeBox } from './code-box';

/** The classes of the box's scrollable region, as the browser receives them. */
function boxClasses(className?: string): string[] {
  const html = renderToStaticMarkup(createElement(CodeBox, { label: 'Request JSON', text: '{}', className }));
  return /<section[^>]*class="([^"]*)"/.exec(html)?.[1]?.split(' ') ?? [];
}

describe('CodeBox', () => {
  it('keeps its own height limit when the caller gives none', () => {
    expect(boxClasses()).toContain('max-h-[32rem]');
  });

  it("lets a caller's height limit replace its own, so the caller's is the one that applies", () => {
    const classes = boxClasses('max-h-[28rem]');
    expect(classes).toContain('max-h-[28rem]');
    expect(classes).not.toContain('max-h-[32rem]');
    expect(classes).toContain('overflow-auto');
  });

  it('adds classes of other kinds next to its own', () => {
    expect(boxClasses('mt-2')).toEqual(expect.arrayContaining(['mt-2', 'max-h-[32rem]']));
  });
});
