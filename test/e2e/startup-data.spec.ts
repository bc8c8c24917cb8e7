// Issue 11: nothing makes a user wait for, or fail on, the sample they are replacing. A file chosen
// the moment #/data opens from file:// is imported (the sample's bytes are never even loaded), and
// a reopened profile shows its stored tables, again without the sample.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import config from '../../playwright.config';
import { expect, metricValue, siteUrl, test, waitForReady } from './support/fixtures';

const fixture = resolve('test/fixtures/import/month-04.csv');
/** Data rows of the fixture (one ticket per line under the header), counted from the file itself. */
const fixtureTickets = readFileSync(fixture, 'utf8').trim().split(/\r?\n/).length - 1;

/** Everything the page asked for (file:// included), and anything that went wrong in it. */
function watch(context: BrowserContext, page: Page) {
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (r) => {
    requests.push(r.url());
    if (!/^(file|blob|data|about):/.test(r.url())) problems.push(`request to another host: ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { requests, problems };
}

const sampleRequested = (requests: string[]) => requests.some((url) => url.endsWith('/engine/sample.js'));

test('a file chosen the moment #/data opens is imported without the sample ever loading; a reopened profile shows it, again without the sample', async () => {
  test.setTimeout(240_000);
  const profile = mkdtempSync(join(tmpdir(), 'gw-startup-'));
  const launch = () => chromium.launchPersistentContext(profile, { ...config.use?.launchOptions, headless: true, viewport: { width: 1440, height: 900 } });
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    let seen = watch(context, page);
    // Note, inside the page, whether the engine had started when the file was chosen.
    await page.addInitScript(() => {
      document.addEventListener('change', () => ((globalThis as { __chosenWhileStarting?: boolean }).__chosenWhileStarting ??= performance.getEntriesByName('workbench:engine-started').length === 0), true);
    });
    // A fast machine may start the engine before Playwright can choose the file; hold the engine
    // worker's messages until the choice, as a slow laptop would, so the race is certain.
    await page.addInitScript(() => {
      let release = () => {};
      const chosen = new Promise<void>((resolve) => (release = resolve));
      document.addEventListener('change', () => release(), true);
      // A plain function, not a class: the test runner's transpiler would turn class fields into
      // helpers that do not exist inside the page.
      const NativeWorker = globalThis.Worker;
      function HeldWorker(url: string | URL, options?: WorkerOptions): Worker {
        const worker = new NativeWorker(url, options);
        if (options?.name === 'engine-worker') {
          const send = worker.postMessage.bind(worker) as (...args: unknown[]) => void;
          worker.postMessage = (...args: unknown[]) => void chosen.then(() => send(...args));
        }
        return worker;
      }
      HeldWorker.prototype = NativeWorker.prototype;
      globalThis.Worker = HeldWorker as unknown as typeof Worker;
    });
    // Every text the page's data-source note and dataset list show on the way, and every value of
    // the header's badge, to check that none of them claims the sample once the first file is chosen.
    await page.addInitScript(() => {
      const shown = ((globalThis as { __sourceTexts?: string[] }).__sourceTexts = [] as string[]);
      const last = new Map<string, string>();
      const record = (kind: string, text: string | null | undefined) => {
        if (!text || last.get(kind) === text) return;
        last.set(kind, text);
        shown.push(text);
      };
      const note = () => {
        for (const id of ['data-source-note', 'datasets']) record(id, document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim());
        record('badge', `badge:${document.querySelector('[data-testid="dataset-badge"]')?.getAttribute('data-source')}`);
      };
      new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-source'] });
      // After the choice each kind is recorded again at the next change of the page, even if unchanged.
      document.addEventListener('change', () => (shown.push('(file chosen)'), last.clear()), true);
    });
    // Every CSV may take the engine path here (import-engine-min=0), as a big export would.
    await page.goto(siteUrl('file', '#/data?import-engine-min=0'));
    await page.getByTestId('import-input').setInputFiles(fixture);
    expect(await page.evaluate(() => (globalThis as { __chosenWhileStarting?: boolean }).__chosenWhileStarting)).toBe(true);
    // The engine was still starting: the file waits for it instead of failing, and is staged in
    // DuckDB once it has started, not parsed on the slower JavaScript path meanwhile.
    await expect(page.getByTestId('import-status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    await expect(page.getByTestId('import-status')).toHaveAttribute('data-rows-read', String(fixtureTickets));
    expect(await page.evaluate(() => performance.getEntriesByName('workbench:import-engine-path').length)).toBe(1);
    await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'user');
    // Once the file is chosen, the page says no sample is in use, never that one is.
    const all = await page.evaluate(() => (globalThis as { __sourceTexts?: string[] }).__sourceTexts ?? []);
    const shown = all.slice(all.indexOf('(file chosen)') + 1);
    expect(all).toContain('(file chosen)');
    expect(shown.some((text) => text.includes('当前没有示例数据，也还没有已保存的数据'))).toBe(true);
    expect(shown.filter((text) => /当前是示例数据|使用示例数据/.test(text))).toEqual([]);
    // Nor does the header's badge, while the engine starts and the file waits for it.
    expect(shown.filter((text) => text === 'badge:sample')).toEqual([]);
    await page.getByRole('link', { name: '概览' }).click();
    expect(await metricValue(page, 'total')).toBe(fixtureTickets);
    // Its bytes may have been fetched in the background while the engine started, but the sample
    // was never bound: no sample view ever stood in for the user's tables.
    expect(await page.evaluate(() => performance.getEntriesByName('workbench:sample-bound').length)).toBe(0);
    expect(seen.problems).toEqual([]);
    await context.close();

    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    seen = watch(context, page);
    // When the badge first said the data is the user's: while the engine still started (the stored
    // tables are listed in milliseconds), not only once they were restored after it.
    await page.addInitScript(() => {
      new MutationObserver(() => {
        const source = document.querySelector('[data-testid="dataset-badge"]')?.getAttribute('data-source');
        (globalThis as { __badgeUserAt?: number }).__badgeUserAt ??= source === 'user' ? performance.now() : undefined;
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(siteUrl('file', '#/'));
    await waitForReady(page);
    const badgeUserAt = await page.evaluate(() => (globalThis as { __badgeUserAt?: number }).__badgeUserAt);
    const engineStartedAt = await page.evaluate(() => performance.getEntriesByName('workbench:engine-started')[0].startTime);
    expect(badgeUserAt).toBeLessThan(engineStartedAt);
    await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'user');
    expect(await metricValue(page, 'total')).toBe(fixtureTickets);
    // With stored tables the sample's file is not even read.
    expect(sampleRequested(seen.requests)).toBe(false);
    expect(await page.evaluate(() => performance.getEntriesByName('workbench:sample-bound').length)).toBe(0);
    expect(seen.problems).toEqual([]);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
