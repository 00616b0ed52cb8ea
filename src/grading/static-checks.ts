import { graderFor } from "../../graders/index.js";
import type { Exercise } from "../exercise/exercise-schema.js";
import type { CheckResult } from "./result.js";
import { runCheck } from "./run-check.js";
import { SubmissionFiles } from "./submission-files.js";

/**
 * The checks that read only the Dockerfile, run before anything loads the engine's client: the
 * first feedback a learner gets, in a fraction of a second. Grading runs them again, identically.
 */
export async function runStaticChecks(exercise: Exercise, submissionDir: string): Promise<CheckResult[]> {
  const checks = exercise.checks.filter((check) => graderFor(check.kind).needs === "dockerfile");
  if (checks.length === 0) return [];
  const files = await SubmissionFiles.read(submissionDir, exercise.build.dockerfile);
  return Promise.all(
    checks.map((check) => runCheck(check, { dockerfile: files }, exercise.limits.checkSeconds * 1000)),
  );
}
