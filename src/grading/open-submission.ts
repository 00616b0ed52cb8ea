import type Docker from "dockerode";
import type { Limits } from "../exercise/exercise-schema.js";
import type { LoadedExercise } from "../exercise/load-exercise.js";
import type { RuntimePlan } from "../runtime/runtime-plan.js";
import type { RunJournal } from "../runtime/run-journal.js";
import { SubmissionRuntime } from "../runtime/submission-runtime.js";
import { SubmissionContext } from "./submission-context.js";
import { SubmissionFiles } from "./submission-files.js";

export interface OpenOptions {
  docker: Docker;
  runId: string;
  /** Overrides of the exercise's limits (command line). */
  limits?: Partial<Limits>;
  buildNetwork?: "default" | "none";
  /** Where what the engine creates is written as it appears, so that `dockgrade clean` finds it after a crash. */
  journal?: RunJournal;
}

/** A submission opened for grading: its context, and the runtime that removes all it made when disposed. */
export interface OpenSubmission extends AsyncDisposable {
  context: SubmissionContext;
  runtime: SubmissionRuntime;
  plan: RuntimePlan;
}

/** What the runtime is asked to do for a submission of this exercise: no more than its checks need. */
export function runtimePlan(exercise: LoadedExercise, submissionDir: string, options: OpenOptions): RuntimePlan {
  const { spec } = exercise;
  return {
    runId: options.runId,
    submissionDir,
    build: { ...spec.build, network: options.buildNetwork ?? "default" },
    container: {
      ports: spec.run.ports,
      env: spec.run.env,
      network: spec.run.network ?? spec.run.ports.length > 0,
      name: spec.run.name,
    },
    commandFile: spec.commands?.file,
    limits: { ...spec.limits, ...options.limits },
  };
}

/** Reads the submission's files and readies its runtime; nothing runs on the engine until a check asks. */
export async function openSubmission(
  exercise: LoadedExercise,
  submissionDir: string,
  options: OpenOptions,
): Promise<OpenSubmission> {
  const plan = runtimePlan(exercise, submissionDir, options);
  const files = await SubmissionFiles.read(submissionDir, exercise.spec.build.dockerfile);
  const runtime = new SubmissionRuntime(options.docker, plan, options.journal);
  const context = new SubmissionContext(files, runtime, exercise.spec.commands?.required ?? false);
  return { context, runtime, plan, [Symbol.asyncDispose]: () => runtime.dispose() };
}
