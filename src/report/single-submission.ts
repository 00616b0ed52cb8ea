import { UsageError } from "../errors.js";
import type { RunView, SubmissionView } from "./run-view.js";

/** Platforms that grade one submission per job (Gradescope, PrairieLearn) take one result, not a class. */
export function singleSubmission(run: RunView, format: string): SubmissionView {
  const [result, ...others] = run.results;
  if (!result || others.length > 0) {
    throw new UsageError(`--format ${format}: grades one submission per run (got ${run.results.length})`);
  }
  return result;
}
