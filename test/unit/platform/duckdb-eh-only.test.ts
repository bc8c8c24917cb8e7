import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { withoutMvpGlue } from '../../../scripts/duckdb-eh-only.mjs';

/** A glue module as the bundle writes it; `invokes` wrappers make it look like the MVP build's. */
function glue(name: string, invokes: number, tag: string): string {
  const wrappers = Array.from({ length: invokes }, (_, i) => `function invoke_v${i}(){}`).join('');
  return `var ${name}=re((exports,module)=>{"use strict";var DuckDB=(()=>{${wrappers}return "${tag}"})();typeof define=="function"&&define.amd&&define([],()=>DuckDB)});`;
}

describe('withoutMvpGlue', () => {
  it('replaces the MVP glue, and only it, by a function that says why it cannot run', () => {
    const before = 'var a=1;';
    const between = 'var mr=Te(pr());';
    const after = 'var vr=Te(gr());';
    const text = before + glue('pr', 120, 'mvp') + between + glue('gr', 1, 'eh') + after;
    const { text: out, removedBytes } = withoutMvpGlue(text);
    expect(out).toBe(
      before +
        `var pr=re((exports,module)=>{"use strict";module.exports=function(){throw new Error("DuckDB-WASM's MVP build is not shipped: this browser lacks WebAssembly exceptions")}});` +
        between +
        glue('gr', 1, 'eh') +
        after,
    );
    expect(removedBytes).toBe(text.length - out.length);
  });

  it('stops the build when the bundle no longer has that shape', () => {
    expect(() => withoutMvpGlue(glue('gr', 1, 'eh'))).toThrow('found 1 glue modules');
    expect(() => withoutMvpGlue(glue('pr', 120, 'a') + glue('gr', 120, 'b'))).toThrow('(2 MVP-like)');
    expect(() => withoutMvpGlue(glue('pr', 1, 'a') + glue('gr', 1, 'b'))).toThrow('(0 MVP-like)');
    expect(() => withoutMvpGlue('var pr=re((exports,module)=>{"use strict";var DuckDB=(()=>{})()')).toThrow('without its end');
  });

  it('finds exactly the MVP glue in the DuckDB-WASM this project installs, and keeps the EH one', () => {
    const text = readFileSync('node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', 'utf8');
    const { text: out, removedBytes } = withoutMvpGlue(text);
    expect(removedBytes).toBeGreaterThan(400_000);
    expect(out.split('var DuckDB=').length - 1).toBe(1);
    expect(out.split('invoke_').length - 1).toBeLessThan(10);
    expect(out).toContain("DuckDB-WASM's MVP build is not shipped");
  });
});
