import { test as base, expect } from '@playwright/test';
import { startHarness, type Harness } from './harness/host';

/** Every spec gets its own harness (fresh services) and a page opened on it. */
export const test = base.extend<{ harness: Harness }>({
  harness: async ({}, use) => {
    const harness = await startHarness();
    await use(harness);
    await harness.close();
  },
  page: async ({ page, harness }, use) => {
    await page.goto(harness.url);
    await use(page);
  },
});

export { expect };
