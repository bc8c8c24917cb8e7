// DuckDB-WASM's browser "blocking" bundle carries Emscripten's JavaScript glue twice: for its MVP
// build (C++ exceptions emulated in JavaScript, one `invoke_*` wrapper per call signature) and for
// its EH build (WebAssembly exceptions). The workbench ships only the EH WASM, so the MVP glue,
// 0.59 MB of the engine worker's 1.43 MB, could never run, yet the worker parsed and compiled it at
// every start (its body is an immediately invoked function, which V8 compiles eagerly). This
// esbuild plugin replaces that glue with a function that says why it cannot run.
//
// The glue is found by shape, not by the minifier's names: a CommonJS module whose body defines
// `var DuckDB=` and ends by exporting it; the MVP one is the one full of `invoke_` wrappers. If a
// DuckDB-WASM upgrade changes that shape, the build stops here rather than shipping both or none.
import { readFileSync } from 'node:fs';

const GLUE_START = /var (\w+)=(\w+)\(\(exports,module\)=>\{"use strict";var DuckDB=/g;
const GLUE_END = 'define([],()=>DuckDB)});';
/** The MVP glue wraps every exported call in invoke_<signature>; the EH glue needs (almost) none. */
const MVP_MIN_INVOKES = 100;

/** @param {string} text the bundle's source @returns {{ text: string, removedBytes: number }} */
export function withoutMvpGlue(text) {
  const blocks = [];
  for (const match of text.matchAll(GLUE_START)) {
    const end = text.indexOf(GLUE_END, match.index);
    if (end < 0) throw new Error('duckdb-eh-only: a glue module without its end');
    const body = text.slice(match.index, end + GLUE_END.length);
    blocks.push({ start: match.index, end: end + GLUE_END.length, name: match[1], wrap: match[2], invokes: body.split('invoke_').length - 1 });
  }
  const mvp = blocks.filter((b) => b.invokes >= MVP_MIN_INVOKES);
  if (blocks.length !== 2 || mvp.length !== 1) {
    throw new Error(`duckdb-eh-only: expected the MVP and EH glue once each, found ${blocks.length} glue modules (${mvp.length} MVP-like); has DuckDB-WASM's bundle changed?`);
  }
  const [cut] = mvp;
  const stub = `var ${cut.name}=${cut.wrap}((exports,module)=>{"use strict";module.exports=function(){throw new Error("DuckDB-WASM's MVP build is not shipped: this browser lacks WebAssembly exceptions")}});`;
  return { text: text.slice(0, cut.start) + stub + text.slice(cut.end), removedBytes: cut.end - cut.start - stub.length };
}

/** @param {string} path the bundle file @returns {import('esbuild').Plugin} */
export function duckdbEhOnly(path) {
  return {
    name: 'duckdb-eh-only',
    setup(build) {
      build.onLoad({ filter: /duckdb-browser-blocking\.mjs$/ }, (args) => (args.path === path ? { contents: withoutMvpGlue(readFileSync(path, 'utf8')).text, loader: 'js' } : undefined));
    },
  };
}
