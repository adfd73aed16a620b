import type { Locator, Page } from 'playwright-core';

/**
 * What the browser tests check on every page, in one place: how wide the page is (nothing may scroll sideways at
 * 320 px) and that some text shows, failing with what the page says instead.
 */

/** The page's full width in CSS pixels: more than the viewport means it scrolls sideways. */
export async function pageWidth(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth') as Promise<number>;
}

/**
 * Waits (up to 5 s) until one of `locator`'s elements contains `text`. On failure says what they contain instead,
 * and the page's heading and error summary, so a failed step reads like what the user saw.
 */
export async function expectText(locator: Locator, text: string): Promise<void> {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ timeout: 5000 });
  } catch {
    const found = (await locator.allTextContents().catch(() => [])).join(' | ').replace(/\s+/g, ' ').slice(0, 1000);
    const page = await locator
      .page()
      .locator('h1, .govuk-error-summary')
      .allTextContents()
      .catch(() => []);
    throw new Error(
      `Expected "${text}" in ${locator}, found: ${found}\nThe page (${locator.page().url()}) says: ${page.join(' | ').replace(/\s+/g, ' ').slice(0, 1000)}`,
    );
  }
}
