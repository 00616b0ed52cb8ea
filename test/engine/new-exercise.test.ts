import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCommand } from "../../src/cli/new-command.js";
import { loadExercise, type LoadedExercise } from "../../src/exercise/load-exercise.js";
import { gradeSubmission } from "../../src/grading/grade-submission.js";
import { runCli } from "../support/cli.js";
import { docker, runId } from "../support/engine.js";
import { gradingCases } from "../support/exercise-cases.js";

// Until `dockgrade verify` lands, this is its promise for a new exercise: what `new` writes
// passes verification as it is, on a real engine.
describe("dockgrade new: the scaffold passes verification at once", () => {
  let root: string;
  let dir: string;
  let exercise: LoadedExercise;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "dockgrade-new-"));
    dir = join(root, "06-utilisateur");
    await newCommand(dir, () => {});
    exercise = await loadExercise(dir);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const cases = () => gradingCases(dir);

  it.concurrent(
    "the solution earns full marks, and the fixture fails exactly what its expected.yaml says",
    async () => {
      for (const { name, dir: submission, fails } of cases()) {
        const result = await gradeSubmission(exercise, submission, { docker, runId });
        const failed = result.checks.filter((check) => check.status === "fail").map((check) => check.id);
        expect(
          result.checks.filter((check) => check.status !== "pass" && check.status !== "fail"),
          name,
        ).toEqual([]);
        expect(failed.sort(), name).toEqual([...fails].sort());
        if (fails.length === 0) expect(result.score, name).toBe(result.maxScore);
        for (const check of result.checks.filter((c) => c.status === "fail")) expect(check.hint, name).toBeTruthy();
      }
    },
  );

  it.concurrent("the starter builds, runs and fails, with no error and no skipped check", async () => {
    const result = await gradeSubmission(exercise, join(dir, "starter"), { docker, runId });
    expect(result.build.status).toBe("ok");
    expect(result.status).toBe("failed");
    expect(result.checks.filter((check) => check.status === "error" || check.status === "skip")).toEqual([]);
    expect(result.checks.filter((check) => check.status === "fail").map((check) => check.id)).toEqual(
      expect.arrayContaining(["configuration", "tag"]),
    );
  });

  it("the CLI refuses a folder that is not empty: exit 2, one clear line, no stack trace", async () => {
    const busy = join(root, "occupe");
    await newCommand(busy, () => {});
    const run = await runCli(["new", busy, "--lang", "en"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`dockgrade: ${busy}: folder exists and is not empty; give a new or empty folder\n`);
    expect(await readFile(join(busy, "exercise.yaml"), "utf8")).toContain("id: ");
  });

  it("the CLI writes a new exercise and prints the next steps", async () => {
    const fresh = join(root, "07-autre");
    const run = await runCli(["new", fresh, "--id", "99-essais/07-autre", "--title", "Autre"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`dockgrade verify --mutants ${fresh}`);
    expect((await loadExercise(fresh)).spec).toMatchObject({ id: "99-essais/07-autre", title: { fr: "Autre" } });
  });
});
