import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { initCommand } from "../../src/cli/init-command.js";
import { reporters } from "../../src/report/index.js";

const EXERCISE = "exercises/03-images-conteneurs/04-sante";

/** The `--format` names a workflow uses, so that a template never names a format that is gone. */
function formatsIn(workflow: string): string[] {
  return [...workflow.matchAll(/--format ([\w-]+)/g)].map((match) => match[1]!);
}

describe("dockgrade init --ci", () => {
  it.each([
    ["github", ".github/workflows/dockgrade.yml"],
    ["gitlab", ".gitlab-ci.yml"],
  ] as const)("%s: writes %s, valid YAML, grading the workspace with formats that exist", async (ci, target) => {
    const dir = join(await mkdtemp(join(tmpdir(), "dockgrade-init-")), "ws");
    await initCommand(EXERCISE, dir, () => {}, { ci, dockgradeSpec: "^0.1.0" });
    const workflow = await readFile(join(dir, target), "utf8");
    expect(() => parse(workflow)).not.toThrow();
    expect(workflow).toContain("npx dockgrade grade . .");
    expect(formatsIn(workflow).filter((name) => !(name in reporters))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
    expect(manifest).toMatchObject({ scripts: { test: "dockgrade test" }, devDependencies: { dockgrade: "^0.1.0" }, dockgrade: { exercise: "03-images-conteneurs/04-sante" } });
  });

  it("README shows each template exactly as init writes it", async () => {
    const readme = await readFile("README.md", "utf8");
    for (const template of ["github.yml", "gitlab.yml"]) {
      expect(readme).toContain(await readFile(`src/cli/ci-templates/${template}`, "utf8"));
    }
  });
});
