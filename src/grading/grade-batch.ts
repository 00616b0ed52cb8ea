import type { LoadedExercise } from "../exercise/load-exercise.js";
import { gradeSubmission, type GradeOptions } from "./grade-submission.js";
import { learnerName } from "./learner-name.js";
import type { SubmissionResult } from "./result.js";

export interface BatchOptions extends GradeOptions {
  /** Submissions graded at the same time (each has its own build, container and names). */
  concurrency: number;
  /** Awaited before each submission starts (e.g. until a lost engine answers again). */
  beforeStart?: () => Promise<void>;
  onStart?: (submission: string) => void;
  /** Called as each submission finishes, with how many are done. */
  onSubmission?: (result: SubmissionResult, done: number, total: number, item: BatchItem) => void;
  /** Once aborted, no further submission starts; those under way finish (their slots stay empty otherwise). */
  signal?: AbortSignal;
}

export interface SubmissionInput {
  dir: string;
  /** Who handed it in, when not the folder's own name (a pack: the learner's folder). */
  learner?: string;
  /** How reports name it when `dir` is not what the user gave (an unpacked archive). */
  label?: string;
  /** Why it could not be read (e.g. a corrupt archive): it gets a failing verdict, the batch goes on. */
  problem?: string;
}

/** The verdict of a submission that could not be read: every check fails with the reason. */
export interface BatchItem extends SubmissionInput {
  exercise: LoadedExercise;
}

function unreadable(exercise: LoadedExercise, input: SubmissionInput, options: GradeOptions): SubmissionResult {
  const { spec } = exercise;
  const message = input.problem ?? "";
  return {
    exercise: spec.id,
    exerciseTitle: spec.title,
    learner: input.learner ?? learnerName(input.label ?? input.dir),
    submission: input.label ?? input.dir,
    status: "failed",
    score: 0,
    maxScore: spec.points,
    durationMs: 0,
    build: { status: "not-run", durationMs: 0, logExcerpt: [] },
    checks: spec.checks.map((check) => ({
      id: check.id,
      kind: check.kind,
      title: check.title,
      status: "fail" as const,
      points: 0,
      maxPoints: check.points,
      message,
      visibility: check.visibility,
      durationMs: 0,
    })),
  };
}

/**
 * Grades many submissions (of one or several exercises), `concurrency` at a time; results in input
 * order. After `signal` aborts, the slots of submissions that never started are empty.
 */
export async function gradeBatch(submissions: BatchItem[], options: BatchOptions): Promise<SubmissionResult[]> {
  const results: SubmissionResult[] = new Array(submissions.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < submissions.length && !options.signal?.aborted) {
      await options.beforeStart?.();
      if (next >= submissions.length || options.signal?.aborted) break;
      const index = next++;
      const input = submissions[index]!;
      options.onStart?.(input.label ?? input.dir);
      results[index] = input.problem
        ? unreadable(input.exercise, input, options)
        : await gradeSubmission(input.exercise, input.dir, { ...options, label: input.label, learner: input.learner });
      done += 1;
      options.onSubmission?.(results[index]!, done, submissions.length, input);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, submissions.length)) }, worker));
  return results;
}
