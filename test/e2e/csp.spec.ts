// The Content-Security-Policy meta is the first thing in <head> (a policy only governs what comes
// after it), and the workbench runs under it from file:// and over http: the engine starts,
// figures and charts appear, and nothing is refused — no securitypolicyviolation event on the
// page and no "Content Security Policy" console message from the page or its workers.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { expect, gotoInPage, metricValue, siteUrl, test, waitForReady, type Transport } from './support/fixtures';

const POLICY = /^<meta http-equiv="Content-Security-Policy" content="([^"]+)"/i;

/** Record violations from the first script on, and CSP console messages from the page and its workers. */
async function watchPolicy(page: Page): Promise<string[]> {
  const refused: string[] = [];
  // Reported to the test as they happen, from the first script of the document on.
  await page.exposeFunction('__reportCspViolation', (text: string) => refused.push(`violation: ${text}`));
  await page.addInitScript(() => {
    const report = (globalThis as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
    document.addEventListener('securitypolicyviolation', (e) => report(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const onConsole = (text: string) => {
    if (/content security policy|refused to/i.test(text)) refused.push(text);
  };
  page.on('console', (m) => onConsole(m.text()));
  page.on('worker', (w) => w.on('console', (m) => onConsole(`worker: ${m.text()}`)));
  return refused;
}

test('the built page carries the policy first in <head>, with a hash for each inline script', () => {
  const html = readFileSync(resolve(process.env.BUILD_DIR ?? 'build', 'index.html'), 'utf8');
  const head = html.slice(html.indexOf('<head>') + '<head>'.length).replace(/^\s*<meta charset="utf-8"\s*\/?>\s*(<!--[\s\S]*?-->\s*)?/, '');
  const policy = POLICY.exec(head)?.[1];
  expect(policy, 'the policy meta right after <meta charset>').toBeTruthy();
  const directives = new Map(policy!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  expect(directives.get('connect-src')).toEqual(["'none'"]);
  expect(directives.get('default-src')).toEqual(["'none'"]);
  expect(directives.get('worker-src')).toEqual(['blob:', 'data:']);
  expect(directives.get('script-src')).toContain("'wasm-unsafe-eval'");
  expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
  // Hashes computed here, independently of the build: one per distinct inline script, the app's
  // held-back bundle included (app.html runs its text as an inline script: held-app.ts).
  const inline = [...html.matchAll(/<script(?: type="text\/x-workbench-held" id="workbench-app")?>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`,
  );
  expect(html).toContain('<script type="text/x-workbench-held" id="workbench-app">');
  expect(inline.length).toBeGreaterThan(1);
  const hashes = directives.get('script-src')!.filter((v) => v.startsWith("'sha256-"));
  expect(hashes.sort()).toEqual([...new Set(inline)].sort());
});

for (const transport of ['file', 'http'] as Transport[]) {
  test(`the workbench runs under its policy over ${transport}`, async ({ page }) => {
    test.setTimeout(240_000);
    const refused = await watchPolicy(page);
    await page.goto(siteUrl(transport, '#/'));
    await waitForReady(page);
    expect(await metricValue(page, 'total')).toBeGreaterThan(0);
    // The other pages in the same document, as the navigation takes a user there (the policy is
    // the document's; a reload would only load the sample again).
    await gotoInPage(page, '#/tickets');
    await waitForReady(page);
    await expect(page.locator('[data-testid="filter-bar"]')).toBeVisible();
    await expect(page.locator('svg').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('chart-ticket-volume')).toHaveAttribute('data-state', 'ready');
    await gotoInPage(page, '#/data');
    await waitForReady(page);
    await expect(page.getByTestId('import-input')).toBeEnabled();
    expect(refused).toEqual([]);
  });
}
