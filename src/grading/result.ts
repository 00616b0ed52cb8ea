import type { Text } from "../i18n.js";

/**
 * The stable result model every reporter reads. Field meanings never change; fields may be added.
 * Text fields keep both languages (a Localized object, or a plain string that is the same in
 * every language): reporters pick one, so a merged or reused result renders in either.
 */

export type CheckStatus = "pass" | "fail" | "skip" | "error";
export type SubmissionStatus = "passed" | "failed" | "error";

export interface CheckResult {
  id: string;
  kind: string;
  title: Text;
  status: CheckStatus;
  points: number;
  maxPoints: number;
  message: Text;
  expected?: Text;
  actual?: Text;
  hint?: Text;
  /** Learner-facing formats show only "visible" checks; instructor formats show all. */
  visibility: "visible" | "hidden" | "after-due-date";
  durationMs: number;
}

export interface BuildSummary {
  status: "ok" | "failed" | "not-run";
  durationMs: number;
  /** The lines of the build log that explain a failure (empty when the build passed). */
  logExcerpt: string[];
  imageId?: string;
}

/** One filesystem layer of the built image, oldest first (for reports that chart them, like dive). */
export interface LayerSummary {
  instruction: string;
  sizeBytes: number;
  /** True for the base image's layers. */
  fromBase: boolean;
}

/**
 * Where a submission's grading time went, in milliseconds. Reading checks run side by side and the
 * container starts while the image's checks run: the phases may add up to more than `durationMs`.
 */
export interface SubmissionTimings {
  /** Reading the Dockerfile and the checks that need nothing more: the first feedback. */
  staticMs: number;
  /** Every image build, the context upload included (the first one, and a rebuild a check asks for). */
  buildMs: number;
  /** Creating and starting the container. */
  startMs: number;
  /** Each check's own time, added up (waiting for health included; the build or start it waited for not). */
  checksMs: number;
  /** Removing the containers and images the grading made. */
  cleanupMs: number;
}

/** How much engine work one submission took: one build and one container unless a check asks for more. */
export interface EngineWork {
  builds: number;
  containersStarted: number;
}

export interface SubmissionResult {
  exercise: string;
  exerciseTitle: Text;
  /** Who handed it in: the submission folder's (or archive's) name, or the learner's folder in a pack. */
  learner: string;
  submission: string;
  status: SubmissionStatus;
  score: number;
  maxScore: number;
  durationMs: number;
  /** True when this is a previous run's result for the same content (see --force). */
  reused?: boolean;
  /** For a reused result: the run that graded it (its id, as `dockgrade clean --run` takes it) and when. */
  reusedFrom?: { runId: string; gradedAt: string };
  /** Why grading could not complete (engine trouble), when status is "error". */
  error?: string;
  build: BuildSummary;
  /** The built image's layers, when it was built. */
  layers?: LayerSummary[];
  checks: CheckResult[];
  /** Absent on results that were not graded in this run (an unreadable submission). */
  timings?: SubmissionTimings;
  engineWork?: EngineWork;
}

export interface RunResult {
  results: SubmissionResult[];
}

export function submissionStatus(checks: CheckResult[], error?: string): SubmissionStatus {
  if (error || checks.some((check) => check.status === "error")) return "error";
  return checks.every((check) => check.status === "pass") ? "passed" : "failed";
}

export function runExitCode(run: RunResult): 0 | 1 | 2 {
  if (run.results.some((result) => result.status === "error")) return 2;
  return run.results.every((result) => result.status === "passed") ? 0 : 1;
}
