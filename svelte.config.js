import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The site must open by double-click from a shared drive (file://), where Chromium refuses module
 * scripts, import() and root-absolute paths: one inline classic bundle, relative paths, and the
 * hash router (../shared/spec/file-protocol.md).
 */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: false }),
    output: { bundleStrategy: 'inline' },
    router: { type: 'hash' },
    paths: { relative: true },
    alias: { $workers: 'workers' },
  },
};

export default config;
