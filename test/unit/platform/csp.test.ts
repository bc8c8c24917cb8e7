// The build fills the policy's inline-script hashes; the expected hashes are computed here by hand
// for fixed script texts (printf 'a=1;' | openssl dgst -sha256 -binary | base64).
import { describe, expect, it } from 'vitest';
import { SCRIPT_HASHES_MARK, inlineScriptHashes, withScriptHashes, withoutPolicy } from '$lib/platform/csp';

const page = (policy: string) =>
  `<html><head><meta charset="utf-8" />\n<meta http-equiv="Content-Security-Policy" content="${policy}" />\n<script>a=1;</script><script src="x.js"></script></head><body><script>a=1;</script><script type="text/javascript">b=2;</script></body></html>`;

describe('inline script hashes', () => {
  it('hashes each distinct inline script once, skips src scripts', () => {
    expect(inlineScriptHashes(page(''))).toEqual(["'sha256-mn8GiAzjK7yNSP6r9CMqrNfmfeFGdX9GoUBFSkFq+Ko='", "'sha256-Ftdm06Ps+eDrjsoRPyvu3KdC7P6uiwr0REhY4Z6A5N0='"]);
  });
  it('fills the mark and only the mark', () => {
    const html = withScriptHashes(page(`script-src 'self' ${SCRIPT_HASHES_MARK}; connect-src 'none'`));
    expect(html).toContain(`script-src 'self' 'sha256-mn8GiAzjK7yNSP6r9CMqrNfmfeFGdX9GoUBFSkFq+Ko=' 'sha256-Ftdm06Ps+eDrjsoRPyvu3KdC7P6uiwr0REhY4Z6A5N0='; connect-src 'none'`);
    expect(html).not.toContain(SCRIPT_HASHES_MARK);
  });
  it('refuses a page whose policy has no mark, rather than ship unhashed scripts', () => {
    expect(() => withScriptHashes(page("script-src 'self'"))).toThrow(/inline-script-hashes/);
  });
  it('the dev server gets the page without the policy', () => {
    const html = withoutPolicy(page(`script-src ${SCRIPT_HASHES_MARK}`));
    expect(html).not.toContain('Content-Security-Policy');
    expect(html).toContain('<script>a=1;</script>');
  });
});
