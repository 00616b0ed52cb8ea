import { execFileSync } from "node:child_process";
import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/grading/result.js";
import { pick } from "../../src/i18n.js";
import { runCli } from "../support/cli.js";
import { gradingCases } from "../support/exercise-cases.js";

const EXERCISES = ["exercises/03-images-conteneurs/01-tags", "exercises/03-images-conteneurs/04-sante"];

/** A class folder: one folder per learner, copied from the exercise's solution and fixtures. */
async function classFolder(exerciseDir: string, extraCopies: number, withArchives = false): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `dockgrade-class-${basename(exerciseDir)}-`));
  const cases = gradingCases(exerciseDir);
  for (const grading of cases) await cp(grading.dir, join(root, grading.name), { recursive: true });
  for (let copy = 0; copy < extraCopies; copy += 1)
    await cp(cases[0]!.dir, join(root, `solution-archive-${copy}`), { recursive: true });
  if (withArchives) {
    // Learners also hand in archives: a solution as .tar.gz, a fixture as .zip, and a broken one.
    execFileSync("tar", ["-czf", join(root, "solution-en-tgz.tar.gz"), "-C", cases[0]!.dir, "."]);
    const fixture = cases.find((grading) => grading.name === "tag-oublie")!;
    const script =
      "import sys, os, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\nfor n in os.listdir(sys.argv[2]): z.write(os.path.join(sys.argv[2], n), 'rendu/' + n)\nz.close()";
    execFileSync("python3", ["-c", script, join(root, "tag-oublie-en-zip.zip"), fixture.dir]);
    await writeFile(join(root, "archive-cassee.zip"), "this is not a zip");
  }
  return root;
}

/**
 * What must not depend on concurrency: every verdict and message, not the timings (durations,
 * and how many times the container's log repeats a line: a probe every second writes one).
 */
function verdicts(run: RunResult) {
  return run.results.map((result) => ({
    learner: basename(result.submission),
    status: result.status,
    score: result.score,
    build: result.build.status,
    checks: result.checks.map(({ id, status, points, message }) => ({
      id,
      status,
      points,
      message: pick(message, "fr")
        .replace(/\d+(\.\d+)? s\b/g, "<t> s")
        .replace(/^(.*)(\n\1)+$/gm, "$1"),
    })),
  }));
}

describe("batch grading (a class folder)", () => {
  it("gives identical results at concurrency 1 and 3 over 15 submissions (folders, archives, a hostile one) of two exercises", async () => {
    const classes = await Promise.all(
      EXERCISES.map((dir, index) => classFolder(dir, index === 0 ? 0 : 1, index === 0)),
    );
    const gradeAll = async (concurrency: number) => {
      const runs: RunResult[] = [];
      for (const [index, dir] of EXERCISES.entries()) {
        const run = await runCli([
          "grade",
          dir,
          classes[index]!,
          "--format",
          "json",
          "--concurrency",
          String(concurrency),
        ]);
        const result = JSON.parse(run.stdout) as RunResult;
        const errors = result.results.flatMap((r) =>
          r.checks.filter((c) => c.status === "error").map((c) => `${basename(r.submission)} ${c.id}: ${c.message}`),
        );
        expect(errors).toEqual([]);
        expect(run.code, run.stderr).toBe(1);
        runs.push(result);
      }
      return runs;
    };
    const sequential = await gradeAll(1);
    const concurrent = await gradeAll(3);
    expect(sequential.flatMap((run) => run.results).length).toBeGreaterThanOrEqual(12);
    expect(concurrent.map(verdicts)).toEqual(sequential.map(verdicts));
    // Every learner's result is their own: the solutions pass, each fixture fails what it declares.
    for (const run of concurrent) {
      for (const result of run.results) {
        const learner = basename(result.submission);
        expect(result.status, learner).toBe(learner.startsWith("solution") ? "passed" : "failed");
        if (learner === "archive-cassee.zip") expect(result.checks[0]!.message).toMatch(/cannot be unpacked/);
      }
    }
  }, 600_000); // 30 gradings: about 225 s beside the other engine tests on 2 cores

  it("grades a class in two shards that merge into the same gradebook as one run", async () => {
    const root = await classFolder(EXERCISES[0]!, 0);
    const out = await mkdtemp(join(tmpdir(), "dockgrade-shards-"));
    const whole = await runCli(["grade", EXERCISES[0]!, root, "--format", "json"]);
    for (const shard of ["1/2", "2/2"]) {
      const run = await runCli([
        "grade",
        EXERCISES[0]!,
        root,
        "--shard",
        shard,
        "--format",
        `json=${join(out, `${shard[0]}.json`)}`,
        "--format",
        "text",
      ]);
      expect(run.code, run.stderr).toBe(1);
    }
    const merged = await runCli(["merge", join(out, "1.json"), join(out, "2.json")]);
    expect(merged.code).toBe(1);
    expect(verdicts(JSON.parse(merged.stdout) as RunResult)).toEqual(verdicts(JSON.parse(whole.stdout) as RunResult));
  });
});
