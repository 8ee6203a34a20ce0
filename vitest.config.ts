import { defineConfig } from 'vitest/config';

// The whole suite (npm test). Its tiers are folders (docs/architecture.md): test/unit/ (in-process,
// `npm run test:unit`), test/slow/ (in-process, slow), test/cli/ (the built command), test/e2e/ (Chromium).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Both cores: vitest's default leaves one free, but the CLI and browser tiers mostly wait on their
    // child processes, so a second worker halves the suite's wall time.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
