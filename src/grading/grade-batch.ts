import type { LoadedExercise } from "../spec/load-exercise.js";
import { gradeSubmission, type GradeOptions } from "./grade-submission.js";
import type { SubmissionResult } from "./result.js";

export interface BatchOptions extends GradeOptions {
  /** Submissions graded at the same time (each has its own build, container and names). */
  concurrency: number;
  onStart?: (submission: string) => void;
  /** Called as each submission finishes, with how many are done. */
  onSubmission?: (result: SubmissionResult, done: number, total: number) => void;
}

/** Grades many submissions of one exercise, `concurrency` at a time; results in input order. */
export async function gradeBatch(exercise: LoadedExercise, submissions: string[], options: BatchOptions): Promise<SubmissionResult[]> {
  const results: SubmissionResult[] = new Array(submissions.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < submissions.length) {
      const index = next++;
      options.onStart?.(submissions[index]!);
      results[index] = await gradeSubmission(exercise, submissions[index]!, options);
      done += 1;
      options.onSubmission?.(results[index]!, done, submissions.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, submissions.length)) }, worker));
  return results;
}
