// The build holds SvelteKit's inline bundle back for app.html to run once the engine worker has
// its start: exactly that script, with its text (and so its policy hash) unchanged.
import { describe, expect, it } from 'vitest';
import { HELD_APP_ID, holdAppBundle } from '$lib/platform/held-app';
import { inlineScriptHashes } from '$lib/platform/csp';

const bundle = `{ __sveltekit_x = {}; const element = document.currentScript.parentElement; __sveltekit_x.app.start(element); }`;
const page = (body: string) =>
  `<html><head><script>self.preload = 1;</script><script src="engine/engine-worker.js"></script></head><body><div style="display: contents">${body}</div></body></html>`;

describe('holdAppBundle', () => {
  it('turns the bundle, and only the bundle, into a held script of the same text', () => {
    const html = page(`<script>${bundle}</script>`);
    const held = holdAppBundle(html);
    expect(held).toBe(page(`<script type="text/x-workbench-held" id="${HELD_APP_ID}">${bundle}</script>`));
    // The script app.html inserts has the held text: its hash must be the one the policy lists.
    expect(inlineScriptHashes(held)).toEqual(inlineScriptHashes(html));
  });

  it('refuses a page without the bundle or with two, rather than ship a page that never starts', () => {
    expect(() => holdAppBundle(page('<script>a = 1;</script>'))).toThrow(/found 0/);
    expect(() => holdAppBundle(page(`<script>${bundle}</script><script>${bundle}</script>`))).toThrow(/found 2/);
  });
});
