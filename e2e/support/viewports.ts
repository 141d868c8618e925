import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** The sizes the composer is checked at: a common phone, the narrowest phone supported, a desktop. */
export const PHONE = { name: 'phone', viewport: { width: 390, height: 844 } } as const;
export const SMALL_PHONE = { name: 'small phone', viewport: { width: 360, height: 740 } } as const;
export const DESKTOP = { name: 'desktop', viewport: { width: 1440, height: 900 } } as const;

/** Widths at which no page may scroll sideways: phones, a tablet, just under the two-column layout, desktop. */
export const PAGE_WIDTHS = [360, 390, 768, 1023, 1440] as const;

/** The page itself does not scroll sideways (code boxes and tables may scroll inside themselves). */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${what}: page width ${scrollWidth} at a ${innerWidth} px window`).toBeLessThanOrEqual(
    innerWidth,
  );
}
