import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // Classic (iife) workers: Chromium refuses module workers from blob: URLs on a file:// page.
  worker: { format: 'iife' },
  build: { chunkSizeWarningLimit: 8000 },
});
