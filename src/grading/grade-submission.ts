import type Docker from "dockerode";
import { basename } from "node:path";
import { graderFor } from "../../graders/index.js";
import { pick, type Lang } from "../i18n.js";
import { buildFailureExcerpt } from "../runtime/build-image.js";
import { onInterrupt } from "../runtime/interrupts.js";
import { SubmissionSession } from "../runtime/submission-session.js";
import type { CheckSpec, Limits } from "../spec/exercise-schema.js";
import type { LoadedExercise } from "../spec/load-exercise.js";
import { CheckSkipped } from "./context.js";
import type { CheckOutcome, Requirement } from "./grader.js";
import { submissionStatus, type BuildSummary, type CheckResult, type LayerSummary, type SubmissionResult } from "./result.js";

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

class CheckTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`check did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runCheck(check: CheckSpec, session: SubmissionSession, lang: Lang, timeoutMs: number): Promise<CheckResult> {
  const grader = graderFor(check.kind)!;
  const started = Date.now();
  const base = { id: check.id, kind: check.kind, title: pick(check.title, lang), maxPoints: check.points, visibility: check.visibility };
  const finish = (status: CheckResult["status"], message: string, extra: Partial<CheckResult> = {}): CheckResult => ({
    ...base,
    status,
    points: status === "pass" ? check.points : 0,
    message,
    ...extra,
    durationMs: Date.now() - started,
  });
  try {
    await ensureRequirement(grader.needs, session);
    const options = grader.options ? Object.fromEntries(Object.keys(grader.options).map((key) => [key, check[key]])) : {};
    const outcome: CheckOutcome = await withTimeout(grader.run(options, session), timeoutMs);
    const hint = outcome.status === "fail" ? pick(check.hint, lang) : undefined;
    return finish(outcome.status, pick(outcome.message, lang), { expected: outcome.expected, actual: outcome.actual, hint });
  } catch (error) {
    if (error instanceof CheckSkipped) {
      // Without a readable Dockerfile, a check of the Dockerfile itself fails: it is the learner's to fix.
      return grader.needs === "dockerfile" ? finish("fail", pick(error.reason, lang), { hint: pick(check.hint, lang) }) : finish("skip", pick(error.reason, lang));
    }
    if (error instanceof CheckTimeout) {
      return finish("fail", lang === "fr" ? `La vérification a dépassé ${timeoutMs / 1000} s.` : `The check took longer than ${timeoutMs / 1000} s.`, { hint: pick(check.hint, lang) });
    }
    // A container check that could not read a container which stopped: the learner's app crashed.
    const stopped = grader.needs === "container" ? await session.stoppedContainer() : undefined;
    if (stopped) return finish("fail", pick(stopped, lang), { hint: pick(check.hint, lang) });
    return finish("error", error instanceof Error ? error.message : String(error));
  }
}

/** Makes what the check needs (once per submission); a missing prerequisite skips the check. */
async function ensureRequirement(needs: Requirement, session: SubmissionSession): Promise<void> {
  session.dockerfile();
  if (needs === "image") await session.image();
  if (needs === "container") await session.container();
}

/** Static checks first (instant feedback), then the rest in spec order, disruptive ones last. */
function runOrder(checks: CheckSpec[]): CheckSpec[] {
  const rank = (check: CheckSpec) => {
    const grader = graderFor(check.kind)!;
    if (grader.needs === "dockerfile") return 0;
    return grader.disruptsContainer ? 2 : 1;
  };
  return [...checks].sort((a, b) => rank(a) - rank(b));
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

/** A learner as a folder or archive name: `classe/alice.zip` → `alice`. */
export function learnerName(path: string): string {
  return basename(path.replace(/\/+$/, "")).replace(/\.(zip|tar\.gz|tgz)$/i, "");
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
  try {
    await session.loadDockerfile();
    for (const check of runOrder(spec.checks)) {
      const result = await runCheck(check, session, options.lang, limits.checkSeconds * 1000);
      byId.set(check.id, result);
      options.onCheck?.(result);
    }
    build = await summarizeBuild(session);
    layers = build.status === "ok" ? await session.layerSummary().catch(() => undefined) : undefined;
  } finally {
    await session.dispose();
    forget();
  }
  const checks = spec.checks.map((check) => byId.get(check.id)!);
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
  };
}
