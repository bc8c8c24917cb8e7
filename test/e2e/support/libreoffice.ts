// PPTX → PDF with LibreOffice: the check that an exported deck opens in a real office suite with
// one page per slide. Under CI (.ci/run installs LibreOffice) a missing soffice fails the test; on
// a developer's machine the check is skipped with a message.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { underCI } from '../../support/ci';
import { expect, test } from './fixtures';

const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

/** How many pages LibreOffice makes of the deck; null when it is not installed (outside CI). */
export function pdfPagesOf(pptx: Uint8Array, name: string): number | null {
  if (!existsSync(SOFFICE)) {
    const missing = `LibreOffice not installed at ${SOFFICE}: PPTX → PDF conversion not checked`;
    expect(underCI(), missing).toBe(false);
    test.info().annotations.push({ type: 'skip', description: missing });
    console.warn(`${name}: ${missing}`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  try {
    writeFileSync(join(dir, `${name}.pptx`), pptx);
    execFileSync(SOFFICE, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, `${name}.pptx`)], { timeout: 180_000, stdio: 'ignore' });
    const pdf = readFileSync(join(dir, `${name}.pdf`)).toString('latin1');
    return (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
