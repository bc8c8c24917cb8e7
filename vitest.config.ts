import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: {
      $lib: fileURLToPath(new URL('./src/lib', import.meta.url)),
      $workers: fileURLToPath(new URL('./workers', import.meta.url)),
    },
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    // Vitest's default is one worker fewer than the cores, which on CI's two cores is one: the
    // files ran one after another while the main process sat idle (it only collects results).
    // UNIT_WORKERS overrides.
    maxWorkers: Number(process.env.UNIT_WORKERS) || Math.max(2, availableParallelism() - 1),
    // A worker process runs many files instead of one: starting a process and importing vitest and
    // the node_modules dependencies again for each of ~100 files was most of the unit phase's
    // overhead. The setup file re-evaluates our own modules for every file, so module state stays
    // per file; no unit test replaces globals except store/vault's fake IndexedDB.
    isolate: false,
    setupFiles: ['test/unit/support/fresh-modules.ts'],
    environment: 'node',
    // Limits for a hang, not expectations (tests that bound a time assert it themselves). On the
    // shared two-core machine under a load of 13–30, the whole sample generated in a test took 55 s
    // and two engines started in one beforeAll over 60 s, with files on two workers or on one.
    testTimeout: 90_000,
    hookTimeout: 150_000,
    // Pinned so that no test depends on the machine's zone: timestamps are naive local time.
    env: { TZ: 'Asia/Shanghai' },
  },
});
