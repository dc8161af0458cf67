import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Two cores here and in CI; generation and type-checks are CPU-bound.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 300_000,
  },
});
