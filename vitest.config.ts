import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Native modules (better-sqlite3) and child processes are safer in forked workers.
    pool: 'forks',
  },
});
