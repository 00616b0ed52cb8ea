import { describe, expect, it } from "vitest";
import { gradeSubmission } from "../../src/grading/grade-submission.js";
import { loadExercise } from "../../src/spec/load-exercise.js";
import { bundledExercises, gradingCases } from "../support/exercise-cases.js";
import { docker, runId } from "../support/engine.js";

const EXERCISES = bundledExercises();

// Concurrently: submissions use the same learner names (mon-app:v1, web), which must not mix.
describe.concurrent.each(EXERCISES)("%s", (exerciseDir) => {
  it.each(gradingCases(exerciseDir))("$name fails exactly $fails", async ({ dir, fails }) => {
    const exercise = await loadExercise(exerciseDir);
    const result = await gradeSubmission(exercise, dir, { docker, runId, lang: "fr" });
    const failed = result.checks.filter((check) => check.status === "fail").map((check) => check.id);
    const broken = result.checks.filter((check) => check.status === "error");
    expect(broken).toEqual([]);
    expect(failed.sort()).toEqual([...fails].sort());
    if (fails.length === 0) {
      expect(result.status).toBe("passed");
      expect(result.score).toBe(result.maxScore);
    } else {
      expect(result.status).toBe("failed");
      for (const check of result.checks.filter((c) => c.status === "fail")) {
        expect(check.message.length).toBeGreaterThan(0);
        expect(check.hint).toBeTruthy();
      }
    }
  });
});
