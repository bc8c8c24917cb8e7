import { describe, expect, it } from 'vitest';
import { binaryPayloadScript } from '../../../scripts/payload-script.mjs';
import { carriedBase64 } from '../../../src/lib/platform/payload';

/** Run a side script as the page would, against a global table of our own. */
function runSideScript(text: string): Record<string, { encoding: string; base64: string | (() => void) }> {
  const self = { __workbenchScripts: undefined as unknown };
  new Function('self', text)(self);
  return self.__workbenchScripts as Record<string, { encoding: string; base64: string | (() => void) }>;
}

describe('binary side scripts', () => {
  it('carry every byte value through the comment and back', () => {
    const bytes = Uint8Array.from({ length: 1024 }, (_, i) => (i * 37) % 256);
    const scripts = runSideScript(binaryPayloadScript('blob', 'identity', bytes));
    expect(scripts.blob.encoding).toBe('identity');
    expect(typeof scripts.blob.base64).toBe('function');
    expect([...Buffer.from(carriedBase64(scripts.blob.base64), 'base64')]).toEqual([...bytes]);
  });

  it('keep base64 that ends in padding and slashes intact (no "*/" can occur in base64)', () => {
    // 0xff 0xff 0xff → "////"; 0xfb 0xef → "++8=" : the characters next to a comment's ends.
    const bytes = Uint8Array.of(0xff, 0xff, 0xff, 0xfb, 0xef);
    const scripts = runSideScript(binaryPayloadScript('edge', 'gzip', bytes));
    expect(carriedBase64(scripts.edge.base64)).toBe('////++8=');
    expect(carriedBase64(scripts.edge.base64)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('carry plain facts beside the bytes, and none when given none', () => {
    const bytes = Uint8Array.of(1, 2, 3);
    const withFacts = runSideScript(binaryPayloadScript('sample', 'gzip', bytes, { rows: { tickets: 340000, grid_events: 0 } })) as Record<string, { facts?: unknown }>;
    expect(withFacts.sample.facts).toEqual({ rows: { tickets: 340000, grid_events: 0 } });
    expect('facts' in runSideScript(binaryPayloadScript('wasm', 'gzip', bytes)).wasm).toBe(false);
  });

  it('read an older string payload as it is', () => {
    expect(carriedBase64('AAEC')).toBe('AAEC');
  });

  it('refuse a function that carries nothing', () => {
    expect(() => carriedBase64(() => undefined)).toThrow('carries no payload');
  });
});
