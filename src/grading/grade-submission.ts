import type Docker from "dockerode";
import { graderFor } from "../../graders/index.js";
import { pick, type Lang } from "../i18n.js";
import { buildFailureExcerpt } from "../runtime/build-image.js";
import { onInterrupt } from "../runtime/interrupts.js";
import { SubmissionSession } from "../runtime/submission-session.js";
import type { CheckSpec, Limits } from "../spec/exercise-schema.js";
import type { LoadedExercise } from "../spec/load-exercise.js";
import { learnerName } from "./learner-name.js";
import { runCheck } from "./run-check.js";
import { submissionStatus, type BuildSummary, type CheckResult, type LayerSummary, type SubmissionResult, type SubmissionTimings } from "./result.js";

export interface GradeOptions {
  docker: Docker;
  runId: string;
  lang: Lang;
  /** Overrides of the exercise's limits (command line). */
  limits?: Partial<Limits>;
  buildNetwork?: "default" | "none";
  /** How the result names the submission, when not by its folder (an unpacked archive). */
  label?: string;
  /** Who handed it in, when not the submission's own folder name (a pack: the learner's folder). */
  learner?: string;
  /** Called as each check finishes, e.g. to show static feedback before the build ends. */
  onCheck?: (result: CheckResult) => void;
}

/**
 * The order checks run in, as groups whose checks run side by side: the Dockerfile's checks
 * first (instant feedback), then every check that only reads, then the others one at a time in
 * spec order, those that disrupt the container last.
 */
export function runPlan(checks: CheckSpec[]): CheckSpec[][] {
  const graderOf = (check: CheckSpec) => graderFor(check.kind)!;
  const onStatic = checks.filter((check) => graderOf(check).needs === "dockerfile");
  const reading = checks.filter((check) => graderOf(check).needs !== "dockerfile" && graderOf(check).concurrent && !graderOf(check).disruptsContainer);
  const others = checks.filter((check) => !onStatic.includes(check) && !reading.includes(check));
  const sequential = [...others.filter((check) => !graderOf(check).disruptsContainer), ...others.filter((check) => graderOf(check).disruptsContainer)];
  return [onStatic, reading, ...sequential.map((check) => [check])].filter((group) => group.length > 0);
}

async function summarizeBuild(session: SubmissionSession): Promise<BuildSummary> {
  const attempt = await session.buildAttempt?.catch(() => undefined);
  if (!attempt) return { status: "not-run", durationMs: 0, logExcerpt: [] };
  return {
    status: attempt.ok ? "ok" : "failed",
    durationMs: attempt.durationMs,
    logExcerpt: attempt.ok ? [] : buildFailureExcerpt(attempt.log),
    imageId: attempt.imageId,
  };
}

/** Grades one submission against one exercise: one build, one container, every check. */
export async function gradeSubmission(exercise: LoadedExercise, submissionDir: string, options: GradeOptions): Promise<SubmissionResult> {
  const started = Date.now();
  const { spec } = exercise;
  const limits: Limits = { ...spec.limits, ...options.limits };
  const session = new SubmissionSession({
    docker: options.docker,
    runId: options.runId,
    exercise: spec,
    submissionDir,
    limits,
    buildNetwork: options.buildNetwork ?? "default",
  });
  const forget = onInterrupt(() => session.dispose());
  const byId = new Map<string, CheckResult>();
  let build: BuildSummary;
  let layers: LayerSummary[] | undefined;
  let staticMs: number | undefined;
  let cleanupStarted = 0;
  try {
    await session.loadDockerfile();
    const needsContainer = spec.checks.some((check) => graderFor(check.kind)!.needs === "container");
    for (const group of runPlan(spec.checks)) {
      if (staticMs === undefined && graderFor(group[0]!.kind)!.needs !== "dockerfile") {
        staticMs = Date.now() - started;
        // The container starts once the image exists, while the image's checks (and a rebuild) run;
        // a failure here is the first container check's to report.
        if (needsContainer) session.container().catch(() => undefined);
      }
      await Promise.all(
        group.map(async (check) => {
          const result = await runCheck(check, session, options.lang, limits.checkSeconds * 1000);
          byId.set(check.id, result);
          options.onCheck?.(result);
        }),
      );
    }
    staticMs ??= Date.now() - started;
    build = await summarizeBuild(session);
    layers = build.status === "ok" ? await session.layerSummary().catch(() => undefined) : undefined;
  } finally {
    cleanupStarted = Date.now();
    await session.dispose();
    forget();
  }
  const checks = spec.checks.map((check) => byId.get(check.id)!);
  const timings: SubmissionTimings = {
    staticMs,
    buildMs: session.buildMs,
    startMs: session.startMs,
    checksMs: checks.reduce((sum, check) => sum + check.durationMs, 0),
    cleanupMs: Date.now() - cleanupStarted,
  };
  const engineFault = checks.find((check) => check.status === "error")?.message;
  return {
    exercise: spec.id,
    exerciseTitle: pick(spec.title, options.lang),
    learner: options.learner ?? learnerName(options.label ?? submissionDir),
    submission: options.label ?? submissionDir,
    status: submissionStatus(checks, engineFault),
    score: checks.reduce((sum, check) => sum + check.points, 0),
    maxScore: spec.points,
    durationMs: Date.now() - started,
    error: engineFault,
    build,
    layers,
    checks,
    timings,
    engineWork: { ...session.work },
  };
}
