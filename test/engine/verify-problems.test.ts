import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const TAGS = "exercises/03-images-conteneurs/01-tags";

interface JsonProblem {
  check?: string;
  expected: string;
  actual: string;
  message?: unknown;
}
interface JsonCase {
  name: string;
  ok: boolean;
  problems: JsonProblem[];
}

/** A copy of 01-tags broken three ways: a solution that loses a point, a starter that passes, a wrong expected.yaml. */
async function brokenExercise(root: string): Promise<string> {
  const dir = join(root, "01-tags");
  await cp(TAGS, dir, { recursive: true });
  const solution = join(dir, "solution");
  await cp(solution, join(root, "good-solution"), { recursive: true });
  const dockerfile = join(solution, "Dockerfile");
  await writeFile(dockerfile, (await readFile(dockerfile, "utf8")).replace("python:3.11-slim", "python:3.11"));
  await rm(join(dir, "starter"), { recursive: true });
  await cp(join(root, "good-solution"), join(dir, "starter"), { recursive: true });
  for (const fixture of await readdir(join(dir, "fixtures")))
    if (fixture !== "tag-oublie") await rm(join(dir, "fixtures", fixture), { recursive: true });
  await writeFile(join(dir, "fixtures", "tag-oublie", "expected.yaml"), "fails: [couches]\n");
  return dir;
}

describe("dockgrade verify reports what an exercise gets wrong", () => {
  let root: string;
  let exercise: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "dockgrade-verify-"));
    exercise = await brokenExercise(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("names the solution's lost check, the starter that passes and the fixture's wrong declaration; exit 1", async () => {
    const run = await runCli(["verify", exercise, "--format", "json", "--concurrency", "3"]);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; exercises: { cases: JsonCase[] }[] };
    expect(report.ok).toBe(false);
    const byName = Object.fromEntries(report.exercises[0]!.cases.map((c) => [c.name, c]));
    expect(byName.solution!.problems).toMatchObject([{ check: "taille", expected: "pass", actual: "fail" }]);
    expect(byName.solution!.problems[0]!.message).toMatchObject({ en: expect.stringMatching(/MB/) });
    expect(byName.starter!.problems).toMatchObject([{ expected: "failed", actual: "passed" }]);
    expect(byName["tag-oublie"]!.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: "couches", expected: "fail", actual: "pass" }),
        expect.objectContaining({ check: "tags", expected: "pass or skip", actual: "fail" }),
      ]),
    );
    expect(byName["tag-oublie"]!.problems).toHaveLength(2);
  });

  it("says the same in text, in English with --lang en", async () => {
    const run = await runCli(["verify", exercise, "--lang", "en", "--concurrency", "3"]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain("✗ solution: 12/14");
    expect(run.stdout).toMatch(/- taille: the solution loses 2 point\(s\) \(expected pass, got fail\)\n {10}\S/);
    expect(run.stdout).toContain("✗ starter: 14/14");
    expect(run.stdout).toContain("- couches: declared in fails but got pass (expected fail, got pass)");
    expect(run.stdout).toContain("3 cases: 3 do not get what they must.");
  });

  it("refuses a fixture that names a check the exercise does not have, before any build: exit 2", async () => {
    const copy = join(root, "unknown-check");
    await cp(exercise, copy, { recursive: true });
    await writeFile(join(copy, "fixtures", "tag-oublie", "expected.yaml"), "fails: [tag]\n");
    const run = await runCli(["verify", copy]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"tag" is not a check of 03-images-conteneurs/01-tags');
  });
});
