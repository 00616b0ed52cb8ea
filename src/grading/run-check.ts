import { graderFor } from "../../graders/index.js";
import { pick, type Lang, type Localized } from "../i18n.js";
import type { CheckSpec } from "../spec/exercise-schema.js";
import { CheckSkipped, type GradingContext } from "./context.js";
import type { CheckOutcome, Requirement } from "./grader.js";
import type { CheckResult } from "./result.js";

/** What a check runs against: the grading context, and why its container stopped when it has. */
export interface CheckContext extends GradingContext {
  stoppedContainer?(): Promise<Localized | undefined>;
}

class CheckTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`check did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Makes what the check needs (once per submission); a missing prerequisite skips the check. */
async function ensureRequirement(needs: Requirement, context: CheckContext): Promise<void> {
  context.dockerfile();
  if (needs === "image") await context.image();
  if (needs === "container") await context.container();
}

/** Runs one check to a result: a verdict for the learner, `skip` when it could not run, `error` when it is not the learner's fault. */
export async function runCheck(check: CheckSpec, context: CheckContext, lang: Lang, timeoutMs: number): Promise<CheckResult> {
  const grader = graderFor(check.kind)!;
  // A check's own time: the build or start-up it waits for is reported in the timings.
  let started = Date.now();
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
    await ensureRequirement(grader.needs, context);
    started = Date.now();
    const options = grader.options ? Object.fromEntries(Object.keys(grader.options).map((key) => [key, check[key]])) : {};
    const outcome: CheckOutcome = await withTimeout(grader.run(options, context), timeoutMs);
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
    const stopped = grader.needs === "container" ? await context.stoppedContainer?.() : undefined;
    if (stopped) return finish("fail", pick(stopped, lang), { hint: pick(check.hint, lang) });
    return finish("error", error instanceof Error ? error.message : String(error));
  }
}
