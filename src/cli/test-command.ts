import { isAbsolute, relative, sep } from "node:path";
import type { Lang } from "../i18n.js";
import { isWorkspaceMachinery, WORKSPACE_TEST_FILE } from "../workspace/workspace-files.js";

export interface TestCommandOptions {
  /** Stay up and grade again each time a file of the workspace is saved or deleted. */
  watch?: boolean;
}

/** The workspace-relative path of a watched file that is part of the learner's answer, else undefined. */
function answerFile(workspace: string, file: string): string | undefined {
  const path = relative(workspace, file);
  if (!path || path.startsWith("..") || isAbsolute(path)) return undefined;
  const normalized = path.split(sep).join("/");
  return isWorkspaceMachinery(normalized) ? undefined : normalized;
}

/**
 * `dockgrade test [--watch]`: runs vitest on the workspace's generated test file (one test per
 * check). Vitest's watch mode reruns a test when a module it imports changes; the Dockerfile,
 * commandes.sh, reponses.yaml and the app's files are no module of the test, so any saved file
 * of the learner's answer reruns it too.
 */
export async function testCommand(workspace: string, lang: Lang, options: TestCommandOptions = {}): Promise<number> {
  const { startVitest } = await import("vitest/node");
  process.env.DOCKGRADE_LANG = lang;
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
  // The worker that runs the test file loads dockgrade again: from the compile cache too.
  const { default: nodeModule } = await import("node:module");
  process.env.NODE_COMPILE_CACHE ??= nodeModule.getCompileCacheDir?.();
  const vitest = await startVitest("test", [], {
    root: workspace,
    config: false,
    include: [WORKSPACE_TEST_FILE],
    // One test file that grades once: one worker thread, no isolation to set up, no coverage of
    // modules to track. What the learner waits for is the grading, not vitest starting.
    pool: "threads",
    maxWorkers: 1,
    isolate: false,
    fileParallelism: false,
    watch: options.watch ?? false,
    watchTriggerPatterns: [
      { pattern: /./, testsToRun: (file) => (answerFile(workspace, file) ? WORKSPACE_TEST_FILE : undefined) },
    ],
    testTimeout: 900_000,
    hookTimeout: 900_000,
  });
  if (!vitest) return 2;
  if (options.watch) {
    // A deleted file changes the answer too (a removed .dockerignore, a renamed app file).
    vitest.vite.watcher.on("unlink", (file) => {
      if (answerFile(workspace, file))
        void vitest.globTestSpecifications().then((specifications) => vitest.rerunTestSpecifications(specifications));
    });
    // Until Ctrl-C (dockgrade's interrupt handler removes what a grading under way created).
    await new Promise<void>((resolve) => vitest.onClose(resolve));
  }
  const failed =
    vitest.state.getCountOfFailedTests() > 0 ||
    vitest.state.getUnhandledErrors().length > 0 ||
    vitest.state.getFiles().some((file) => file.result?.state === "fail");
  await vitest.close();
  return failed ? 1 : 0;
}
