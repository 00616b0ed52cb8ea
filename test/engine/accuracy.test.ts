import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadExercise } from "../../src/exercise/load-exercise.js";
import { gradeSubmission } from "../../src/grading/grade-submission.js";
import { docker, runId } from "../support/engine.js";

const CORPUS = "test/accuracy";
const PACK = "exercises/03-images-conteneurs";

interface Variant {
  name: string;
  dir: string;
  verdict: "pass" | "fail";
  fails: string[];
}

/** Every variant of the accuracy corpus for one exercise, with the verdict an instructor gives it. */
function variants(exercise: string): Variant[] {
  const dir = join(CORPUS, exercise);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "expected.yaml")))
    .map((entry) => {
      const expected = parse(readFileSync(join(dir, entry.name, "expected.yaml"), "utf8")) as Omit<Variant, "name">;
      return { name: entry.name, dir: join(dir, entry.name), verdict: expected.verdict, fails: expected.fails ?? [] };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const exercises = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(PACK, entry.name, "exercise.yaml")))
  .map((entry) => entry.name)
  .sort();

/**
 * The accuracy corpus (test/accuracy): correct answers in styles the solutions do not use, and
 * wrong answers that look right, each graded for real and held to the instructor's verdict.
 */
describe.concurrent.each(exercises)("accuracy corpus: %s", (exercise) => {
  it.each(variants(exercise))("$name: $verdict, fails exactly $fails", async ({ dir, verdict, fails }) => {
    const result = await gradeSubmission(await loadExercise(join(PACK, exercise)), dir, { docker, runId });
    const failed = result.checks.filter((check) => check.status === "fail").map((check) => check.id);
    expect(result.checks.filter((check) => check.status === "error")).toEqual([]);
    expect(failed.sort()).toEqual([...fails].sort());
    expect(result.status).toBe(verdict === "pass" ? "passed" : "failed");
    // A correct answer is graded whole: nothing skipped.
    if (verdict === "pass") expect(result.checks.filter((check) => check.status === "skip")).toEqual([]);
  });
});
