import { UsageError } from "../errors.js";
import type { RunResult, SubmissionResult } from "../grading/result.js";

/** Platforms that grade one submission per job (Gradescope, PrairieLearn) take one result, not a class. */
export function singleSubmission(run: RunResult, format: string): SubmissionResult {
  const [result, ...others] = run.results;
  if (!result || others.length > 0) {
    throw new UsageError(`--format ${format}: grades one submission per run (got ${run.results.length})`);
  }
  return result;
}
