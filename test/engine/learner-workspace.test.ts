import { cp, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli, runProgram } from "../support/cli.js";

const EXERCISE = "exercises/03-images-conteneurs/01-tags";
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** A workspace as `dockgrade init` makes it, with `files` copied over the starter. */
async function workspaceWith(files: string): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), "dockgrade-learner-")), "ws");
  const init = await runCli(["init", EXERCISE, dir]);
  expect(init.code, init.stderr).toBe(0);
  for (const name of await readdir(files))
    if (name !== "expected.yaml") await cp(join(files, name), join(dir, name), { recursive: true });
  const install = await runProgram(npm, ["install", "--no-audit", "--no-fund", "--offline"], { cwd: dir });
  expect(install.code, install.stderr).toBe(0);
  return dir;
}

describe("learner workspace (dockgrade init + npm test)", () => {
  it("passes npm test with the solution, one test per check", async () => {
    const dir = await workspaceWith(join(EXERCISE, "solution"));
    const run = await runProgram(npm, ["test"], { cwd: dir, env: { CI: "true", FORCE_COLOR: "0" } });
    const output = stripVTControlCharacters(run.stdout + run.stderr);
    expect(run.code, output).toBe(0);
    expect(output).toMatch(/Tests\s+(\d+) passed \(\1\)/);
    // What the CI templates run: the workspace stands for its exercise.
    const graded = await runCli(["grade", ".", "."], { cwd: dir });
    expect(graded.code, graded.stderr).toBe(0);
  });

  it("fails npm test with a fixture, naming the check, what was expected and the hint", async () => {
    const dir = await workspaceWith(join(EXERCISE, "fixtures/tag-oublie"));
    const run = await runProgram(npm, ["test"], { cwd: dir, env: { CI: "true", FORCE_COLOR: "0" } });
    const output = stripVTControlCharacters(run.stdout + run.stderr);
    expect(run.code, output).not.toBe(0);
    expect(output).toContain("[tags]");
    expect(output).toContain("Introuvable : registry.example.com/mon-app:v1");
    expect(output).toContain("attendu: mon-app:v1, mon-app:latest, registry.example.com/mon-app:v1");
    expect(output).toContain("piste:");
    expect(output).toMatch(/Tests\s+1 failed \| (\d+) passed \((\d+)\)/);
  });
});
