import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../../test/support/chromium';

export function builtSiteUrl(hash = '#/'): string {
  return `${pathToFileURL(resolve(process.env.BUILD_DIR ?? 'build', 'index.html')).href}${hash}`;
}

/** A Chromium with a brand-new profile, as a user's first double-click would meet it. */
export async function freshContext(): Promise<{ context: BrowserContext; close: () => Promise<void>; profile: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumExecutablePath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  return {
    context,
    profile: dir,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutablePath(), headless: true, args: CHROMIUM_ARGS });
}

/**
 * Wait until the engine worker has made `name` (its marks are read through the bench hook).
 * Polled from here: waitForFunction does not await a predicate's promise, so an async predicate
 * would pass at once.
 */
export async function waitForWorkerMark(page: Page, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await page.evaluate(async () => (await globalThis.__workbenchBench!.workerMarks()).map((m) => m.name));
    if (names.includes(name)) return;
    if (Date.now() > deadline) throw new Error(`the engine worker did not mark ${name} within ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}
