// Shared Playwright fixtures: the built site's address (file:// or http), and a guard that fails
// the test on any page error or any request to a URL that is not file:, blob:, data: or the local
// test server — for the test's own page and for every persistent context a test launches.
import { test as base, chromium, expect, type Browser, type BrowserContext, type Download, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, TIME_ZONE, chromiumExecutablePath } from '../../support/chromium';

export type Transport = 'file' | 'http';

const port = Number(process.env.E2E_PORT ?? 4179);
const fileEntry = pathToFileURL(resolve(process.env.BUILD_DIR ?? 'build', 'index.html')).href;

export function siteUrl(transport: Transport, route = '#/'): string {
  const hash = route.startsWith('#') ? route : `#${route}`;
  return transport === 'file' ? `${fileEntry}${hash}` : `http://127.0.0.1:${port}/index.html${hash}`;
}

export interface Guard {
  problems: string[];
}

const ALLOWED = /^(file|blob|data|about):/;
const LOCAL = `http://127.0.0.1:${port}/`;

/** Watch a context: every request to another host and every page error (of pages open now or later) becomes a problem. */
export function guardContext(context: BrowserContext, guard: Guard = { problems: [] }): Guard {
  context.on('request', (r) => {
    const url = r.url();
    if (!ALLOWED.test(url) && !url.startsWith(LOCAL)) guard.problems.push(`request to another host: ${url}`);
  });
  const watch = (page: Page) => page.on('pageerror', (e) => guard.problems.push(`page error: ${e.message}`));
  context.pages().forEach(watch);
  context.on('page', watch);
  return guard;
}

export function expectNoProblems(guard: Guard): void {
  expect(guard.problems, guard.problems.join('\n')).toEqual([]);
}

/**
 * A browser with a profile on disk (IndexedDB survives closing it, as on a real laptop), launched
 * like the configured one and guarded like every other page.
 */
export async function launchPersistent(profile: string, guard: Guard = { problems: [] }): Promise<{ context: BrowserContext; page: Page; guard: Guard }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutablePath(),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1440, height: 900 },
    timezoneId: TIME_ZONE,
    acceptDownloads: true,
  });
  guardContext(context, guard);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, guard };
}

/**
 * One page for a whole file of tests that are not about start-up (`test.describe.configure({ mode:
 * 'serial' })`, made in `beforeAll`): the sample loads once instead of once per test. Configured
 * like the per-test page and guarded the same way; check `guard` after each test.
 */
export async function sharedPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; guard: Guard }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: TIME_ZONE, acceptDownloads: true });
  const guard = guardContext(context);
  const page = await context.newPage();
  return { context, page, guard };
}

export const test = base.extend<{ guard: Guard; samplePage: Page }, { sampleSession: { page: Page; guard: Guard } }>({
  guard: [
    async ({ context }, use) => {
      const guard = guardContext(context);
      await use(guard);
      expectNoProblems(guard);
    },
    { auto: true },
  ],
  // The sample opened from file:// once per test process, for the specs that only read it: loading
  // it is most of what such a spec costs. A failed test ends its process, so the next file gets a
  // fresh page; a spec that imports, changes a setting or stores anything keeps its own page.
  sampleSession: [
    async ({ browser }, use) => {
      const { context, page, guard } = await sharedPage(browser);
      await page.goto(siteUrl('file', '#/definitions'));
      await waitForReady(page);
      await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'sample');
      await use({ page, guard });
      await context.close();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  /** That page, on a page that holds no state (#/definitions): go to your route with gotoInPage. */
  samplePage: async ({ sampleSession }, use) => {
    const { page, guard } = sampleSession;
    expectNoProblems(guard);
    await gotoInPage(page, '#/definitions');
    await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'sample');
    await use(page);
    expectNoProblems(guard);
  },
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
 * Wait until every headline figure shows `expected` (unrounded; null shown as empty), each within
 * 1e-9 relative: the page's doubles and the reference's are summed in different orders.
 */
export async function expectFigures(page: Page, expected: Record<string, number | null>, label = ''): Promise<void> {
  for (const [id, want] of Object.entries(expected)) {
    const figure = page.getByTestId(`metric-${id}`).first();
    if (want === null) {
      await expect(figure, `${label} ${id}`).toHaveAttribute('data-state', 'ready');
      await expect(figure, `${label} ${id}`).toHaveAttribute('data-value', '');
      continue;
    }
    await expect
      .poll(async () => {
        if ((await figure.getAttribute('data-state')) !== 'ready') return NaN;
        const raw = await figure.getAttribute('data-value');
        return raw ? Number(raw) : NaN;
      }, { message: `${label} ${id} = ${want}` })
      .toBeCloseTo(want, closeDigits(want));
  }
}

/** toBeCloseTo digits for a 1e-9 relative tolerance. */
export function closeDigits(value: number): number {
  return Math.max(0, 9 - Math.max(0, Math.ceil(Math.log10(Math.abs(value) + 1))));
}

/** The bars of a chart whose bars carry data-key and data-value (toggle bars, histogram, on-time), by key. */
export async function barValues(chart: Locator, selector = 'rect[data-key]'): Promise<Record<string, number>> {
  await expect(chart).toHaveAttribute('data-state', 'ready');
  const bars = chart.locator(selector);
  await expect(bars.first()).toBeAttached();
  return Object.fromEntries(await bars.evaluateAll((els) => els.map((e) => [e.getAttribute('data-key') ?? '', Number(e.getAttribute('data-value'))])));
}

/** Start a download with `action` and read the file. */
export async function download(page: Page, action: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  return { name: (file as Download).suggestedFilename(), bytes: readFileSync((await (file as Download).path())!) };
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
  // The address bar percent-encodes what is not ASCII (a township's name): compare decoded.
  await expect.poll(async () => decodeURI(await page.evaluate(() => location.hash))).toBe(decodeURI(hash));
}
