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
  await vitest?.close();
  return process.exitCode === undefined || process.exitCode === 0 ? 0 : 1;
}
