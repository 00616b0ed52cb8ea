import { defineConfig } from "vitest/config";

// Fast unit tests on plain data; engine tests that build and run real submissions on a real
// dockerd (generous timeouts, few workers: the machine has 2 cores); the packed package.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: "engine",
          include: ["test/engine/**/*.test.ts"],
          exclude: ["test/engine/hostile.test.ts"],
          globalSetup: ["test/engine/global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          maxWorkers: 2,
          maxConcurrency: 3,
          sequence: { groupOrder: 1 },
          // The suite grades the same submissions on purpose: no reuse of previous results.
          env: { TESTCONTAINERS_RYUK_DISABLED: "true", DOCKGRADE_RESULT_CACHE: "off" },
        },
      },
      {
        // The hostile corpus loads the machine on purpose (fork bombs, memory hogs, disk
        // fillers): it runs alone, after the other engine tests, so it cannot slow them down.
        test: {
          name: "hostile",
          include: ["test/engine/hostile.test.ts"],
          globalSetup: ["test/engine/global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
          env: { TESTCONTAINERS_RYUK_DISABLED: "true", DOCKGRADE_RESULT_CACHE: "off" },
        },
      },
      {
        // dockgrade as its users install it (npm pack, then npm install in a folder outside the
        // checkout; git URL, global, npx), learner workspaces, the CI templates run step by step,
        // and grading as a learner account: slow (installs and builds), so it runs last.
        test: {
          name: "package",
          include: ["test/package/**/*.test.ts"],
          globalSetup: ["test/package/global-setup.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          maxWorkers: 2,
          sequence: { groupOrder: 3 },
          env: { TESTCONTAINERS_RYUK_DISABLED: "true", DOCKGRADE_RESULT_CACHE: "off" },
        },
      },
    ],
  },
});
