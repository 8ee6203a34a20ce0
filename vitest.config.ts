import { defineConfig } from 'vitest/config';

// The whole suite (npm test). Its tiers are folders (docs/architecture.md): test/unit/ (in-process,
// `npm run test:unit`), test/slow/ (in-process, slow), test/cli/ (the built command), test/e2e/ (Chromium).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
