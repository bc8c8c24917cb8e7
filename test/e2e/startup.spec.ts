// What a user sees when the workbench cannot start: a plain message, never a blank page.
import { expect, siteUrl, test } from './support/fixtures';

test('a browser without WebAssembly gets a plain bilingual message', async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error: simulating an old or locked-down browser
    delete globalThis.WebAssembly;
  });
  await page.goto(siteUrl('file', '#/'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('此浏览器无法运行工作台');
  await expect(alert).toContainText('WebAssembly');
  await expect(alert).toContainText('This browser cannot run the workbench');
});

test('a missing engine file says what failed', async ({ page }) => {
  await page.route('**/engine/duckdb-eh.wasm.js', (route) => route.abort());
  await page.goto(siteUrl('http', '#/'));
  const error = page.getByTestId('engine-error');
  await expect(error).toContainText('分析引擎启动失败');
  await expect(error).toContainText('无法载入 engine/duckdb-eh.wasm.js');
});
