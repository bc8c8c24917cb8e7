import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The site must open by double-click from a shared drive (file://), where Chromium refuses module
 * scripts, import() and root-absolute paths: one inline classic bundle, relative paths, and the
 * hash router (../shared/spec/file-protocol.md).
 */
// BUILD_DIR / KIT_OUT_DIR let two builds run side by side (parallel work, benchmarks) without
// overwriting each other; the defaults are what everyone uses.
const buildDir = process.env.BUILD_DIR ?? 'build';

const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: buildDir, assets: buildDir, fallback: 'index.html', strict: false }),
    outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
    output: { bundleStrategy: 'inline' },
    router: { type: 'hash' },
    paths: { relative: true },
    alias: { $workers: 'workers' },
  },
};

export default config;
