// Citizens' data at rest (issue 14), from file:// in one browser profile — the way a shared drive
// is used: every file:// page shares one storage origin, so another local HTML page opened in the
// same browser can read the workbench's IndexedDB. With a passphrase set it reads ciphertext only;
// after 「清除全部数据」 it finds no key of the workbench at all.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from '@playwright/test';
import { expect, expectNoProblems, launchPersistent, siteUrl, test, waitForReady } from './support/fixtures';

// A small export whose caller names, phones and complaint text a reader must not find in clear.
const PEOPLE = [
  { id: 'PX0001', name: '张晓明', phone: '13912345678', content: '请回电13912345678' },
  { id: 'PX0002', name: '李春华', phone: '13787654321', content: '住人民路88号' },
];
const CSV = ['工单编号,受理时间,所属区镇,来电人,联系电话,诉求内容', ...PEOPLE.map((p) => `${p.id},2024-04-01 08:00,海门街道,${p.name},${p.phone},${p.content}`)].join('\n');

/** What another local page sees: every key and every value of the workbench's database, as text. */
const OTHER_PAGE = `<!doctype html><meta charset="utf-8"><script>
window.dump = () => new Promise((resolve) => {
  const open = indexedDB.open('gov-workbench');
  open.onerror = () => resolve({ keys: [], text: '' });
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('kv')) return resolve({ keys: [], text: '' });
    const store = db.transaction('kv').objectStore('kv');
    const keys = store.getAllKeys();
    const values = store.getAll();
    values.onsuccess = async () => {
      const parts = [];
      for (const v of values.result) {
        if (v instanceof Blob) parts.push(new TextDecoder().decode(await v.arrayBuffer()));
        else if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) parts.push(new TextDecoder().decode(v));
        else parts.push(JSON.stringify(v, (_, x) => (x instanceof Uint8Array || x instanceof ArrayBuffer ? new TextDecoder().decode(x) : x)));
      }
      resolve({ keys: keys.result.map(String), text: parts.join('\\n') });
    };
  };
});
</script>`;

async function readAsAnotherPage(context: BrowserContext, url: string): Promise<{ keys: string[]; text: string }> {
  const page = await context.newPage();
  await page.goto(url);
  const dump = (await page.evaluate(() => (window as unknown as { dump: () => Promise<{ keys: string[]; text: string }> }).dump())) as { keys: string[]; text: string };
  await page.close();
  return dump;
}

test('with a passphrase another local page reads only ciphertext; clear-all leaves no key of the workbench', async () => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'gw-protect-'));
  const csv = join(dir, 'people.csv');
  writeFileSync(csv, CSV);
  const other = join(dir, 'other.html');
  writeFileSync(other, OTHER_PAGE);
  const otherUrl = pathToFileURL(resolve(other)).href;
  const { context, page, guard } = await launchPersistent(join(dir, 'profile'));
  try {
    await page.goto(siteUrl('file', '#/data'));
    await waitForReady(page);
    await page.getByTestId('import-input').setInputFiles(csv);
    await expect(page.getByTestId('import-status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });

    // Unprotected, the other page reads the names in clear: the test can see what it must not.
    await expect.poll(async () => (await readAsAnotherPage(context, otherUrl)).text.includes(PEOPLE[0].name), { timeout: 30_000 }).toBe(true);

    await page.getByTestId('passphrase-new').fill('海门 12345 考核');
    await page.getByTestId('passphrase-confirm').fill('海门 12345 考核');
    await page.getByTestId('passphrase-save').click();
    // The card says so once every stored value is sealed (it once stayed silent: the vault record was not reactive).
    await expect(page.getByTestId('protection-on')).toBeVisible({ timeout: 120_000 });

    const sealed = await readAsAnotherPage(context, otherUrl);
    expect(sealed.keys.some((k) => k.startsWith('gov-workbench:v1:datasets:'))).toBe(true);
    for (const person of PEOPLE) {
      for (const value of [person.name, person.phone, person.id]) expect(sealed.text, `${value} in clear`).not.toContain(value);
    }

    page.on('dialog', (d) => void d.accept());
    await page.getByTestId('clear-all').click();
    await expect(page.getByTestId('clear-all-result')).toBeVisible({ timeout: 60_000 });
    const cleared = await readAsAnotherPage(context, otherUrl);
    expect(cleared.keys.filter((k) => k.startsWith('gov-workbench'))).toEqual([]);
    expectNoProblems(guard);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
