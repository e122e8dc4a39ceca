import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default (one fewer than the cores) is a single file at a time on a 2-core machine, while most files
    // spend their time waiting on child processes (PostgreSQL, the CLI, Tesseract, poppler): two at a time keeps both
    // cores busy. Every file already works in its own temporary folders and on ports the system gives.
    maxWorkers: 2,
  },
});
