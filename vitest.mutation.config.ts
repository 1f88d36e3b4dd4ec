import { defineConfig } from 'vitest/config';

/**
 * The fast tests only (in-process unit and property tests), for Stryker: it reruns them once per
 * mutant, so anything that spawns the CLI, starts emulator servers or a browser stays out.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts'],
    // Expects a built dist/ (it checks the printed CLI path exists); the sandbox has no build.
    exclude: ['test/unit/schedule-print.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
