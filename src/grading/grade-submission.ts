import { graderFor } from "../../graders/index.js";
import type { CheckSpec } from "../exercise/exercise-schema.js";
import { pick } from "../i18n.js";
import type { LoadedExercise } from "../exercise/load-exercise.js";
import { buildFailureExcerpt, type BuildOutcome } from "../runtime/build-image.js";
import { onInterrupt } from "../runtime/interrupts.js";
import { summarizeLayers } from "./layer-steps.js";
import { learnerName } from "./learner-name.js";
import {
  submissionStatus,
  type BuildSummary,
  type CheckResult,
  type LayerSummary,
  type SubmissionResult,
  type SubmissionTimings,
} from "./result.js";
import { runCheck } from "./run-check.js";
import { openSubmission, type OpenOptions } from "./open-submission.js";

export interface GradeOptions extends OpenOptions {
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
  const graderOf = (check: CheckSpec) => graderFor(check.kind);
  const onStatic = checks.filter((check) => graderOf(check).needs === "dockerfile");
  const reading = checks.filter(
    (check) =>
      graderOf(check).needs !== "dockerfile" && graderOf(check).concurrent && !graderOf(check).disruptsContainer,
  );
  const others = checks.filter((check) => !onStatic.includes(check) && !reading.includes(check));
  const sequential = [
    ...others.filter((check) => !graderOf(check).disruptsContainer),
    ...others.filter((check) => graderOf(check).disruptsContainer),
  ];
  return [onStatic, reading, ...sequential.map((check) => [check])].filter((group) => group.length > 0);
}

function summarizeBuild(outcome: BuildOutcome | undefined): BuildSummary {
  if (!outcome) return { status: "not-run", durationMs: 0, logExcerpt: [] };
  return {
    status: outcome.ok ? "ok" : "failed",
    durationMs: outcome.durationMs,
    logExcerpt: outcome.ok ? [] : buildFailureExcerpt(outcome.log),
    imageId: outcome.imageId,
  };
}

/** Grades one submission against one exercise: one build, one container, every check. */
export async function gradeSubmission(
  exercise: LoadedExercise,
  submissionDir: string,
  options: GradeOptions,
): Promise<SubmissionResult> {
  const started = Date.now();
  const { spec } = exercise;
  const { context, runtime, plan } = await openSubmission(exercise, submissionDir, options);
  const forget = onInterrupt(() => runtime.dispose());
  const contexts = {
    dockerfile: context,
    image: context,
    container: context,
    stoppedContainer: () => context.stoppedContainer(),
  };
  const byId = new Map<string, CheckResult>();
  let layers: LayerSummary[] | undefined;
  let staticMs: number | undefined;
  let cleanupStarted = 0;
  try {
    const needsContainer = spec.checks.some((check) => graderFor(check.kind).needs === "container");
    for (const group of runPlan(spec.checks)) {
      if (staticMs === undefined && graderFor(group[0]!.kind).needs !== "dockerfile") {
        staticMs = Date.now() - started;
        // The container starts once the image exists, while the image's checks (and a rebuild) run;
        // a failure here is the first container check's to report.
        if (needsContainer) context.container().catch(() => undefined);
      }
      await Promise.all(
        group.map(async (check) => {
          const result = await runCheck(check, contexts, plan.limits.checkSeconds * 1000);
          byId.set(check.id, result);
          options.onCheck?.(result);
        }),
      );
    }
    staticMs ??= Date.now() - started;
    const image = await runtime.build.attempt?.then(() => context.image()).catch(() => undefined);
    layers = image && summarizeLayers(image, await context.baseImage().catch(() => undefined));
  } finally {
    cleanupStarted = Date.now();
    await runtime.dispose();
    forget();
  }
  const build = summarizeBuild(await runtime.build.attempt?.catch(() => undefined));
  const checks = spec.checks.map((check) => byId.get(check.id)!);
  const builds = runtime.build.outcomes;
  const timings: SubmissionTimings = {
    staticMs,
    buildMs: builds.reduce((sum, outcome) => sum + outcome.durationMs, 0),
    startMs: runtime.container.startMs,
    checksMs: checks.reduce((sum, check) => sum + check.durationMs, 0),
    cleanupMs: Date.now() - cleanupStarted,
  };
  const engineFault = checks.find((check) => check.status === "error")?.message;
  const engineFaultText = engineFault === undefined ? undefined : pick(engineFault, "en");
  return {
    exercise: spec.id,
    exerciseTitle: spec.title,
    learner: options.learner ?? learnerName(options.label ?? submissionDir),
    submission: options.label ?? submissionDir,
    status: submissionStatus(checks, engineFaultText),
    score: checks.reduce((sum, check) => sum + check.points, 0),
    maxScore: spec.points,
    durationMs: Date.now() - started,
    error: engineFaultText,
    build,
    layers,
    checks,
    timings,
    engineWork: {
      builds: builds.length + runtime.commands.learnerBuilds,
      containersStarted: runtime.container.started ? 1 : 0,
    },
  };
}
