import type { Lang } from "../i18n.js";

/** `dockgrade test`: runs vitest on the workspace's generated test file (one test per check). */
export async function testCommand(workspace: string, lang: Lang): Promise<number> {
  const { startVitest } = await import("vitest/node");
  process.env.DOCKGRADE_LANG = lang;
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
  const vitest = await startVitest("test", [], {
    root: workspace,
    config: false,
    include: ["dockgrade.test.mjs"],
    watch: false,
    testTimeout: 900_000,
    hookTimeout: 900_000,
  });
  if (!vitest) return 2;
  const failed =
    vitest.state.getCountOfFailedTests() > 0 ||
    vitest.state.getUnhandledErrors().length > 0 ||
    vitest.state.getFiles().some((file) => file.result?.state === "fail");
  await vitest.close();
  return failed ? 1 : 0;
}
