// Shared Playwright fixtures: the built site's address (file:// or http), and a guard that fails
// the test on any page error or any request to a URL that is not file:, blob: or data:.
import { test as base, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Transport = 'file' | 'http';

const port = Number(process.env.E2E_PORT ?? 4179);
const fileEntry = pathToFileURL(resolve(process.env.BUILD_DIR ?? 'build', 'index.html')).href;

export function siteUrl(transport: Transport, route = '#/'): string {
  const hash = route.startsWith('#') ? route : `#${route}`;
  return transport === 'file' ? `${fileEntry}${hash}` : `http://127.0.0.1:${port}/index.html${hash}`;
}

interface Guard {
  problems: string[];
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, context }, use) => {
      const guard: Guard = { problems: [] };
      const allowed = /^(file|blob|data|about):/;
      const local = `http://127.0.0.1:${port}/`;
      context.on('request', (r) => {
        const url = r.url();
        if (!allowed.test(url) && !url.startsWith(local)) guard.problems.push(`request to another host: ${url}`);
      });
      page.on('pageerror', (e) => guard.problems.push(`page error: ${e.message}`));
      await use(guard);
      expect(guard.problems, guard.problems.join('\n')).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Wait until the engine is up and the data is loaded (no status line left). */
export async function waitForReady(page: Page): Promise<void> {
  await expect(page.getByTestId('dataset-badge')).toBeVisible();
  await expect(page.getByTestId('engine-status')).toHaveCount(0, { timeout: 90_000 });
  await expect(page.getByTestId('engine-error')).toHaveCount(0);
}

/** The raw value of a headline figure, once it has one. */
export async function metricValue(page: Page, id: string): Promise<number | null> {
  const figure = page.getByTestId(`metric-${id}`).first();
  await expect(figure).toHaveAttribute('data-state', 'ready');
  const raw = await figure.getAttribute('data-value');
  return raw === null || raw === '' ? null : Number(raw);
}

/**
 * Go to another hash route inside the loaded page, as a click on a link or a bookmark opened from
 * the page does. (Assigning location.hash is what typing in the address bar does, and SvelteKit's
 * hash router answers that with a full reload, which regenerates the sample.)
 */
export async function gotoInPage(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => {
    const link = document.createElement('a');
    link.href = target;
    document.body.append(link);
    link.click();
    link.remove();
  }, hash);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(hash);
}
