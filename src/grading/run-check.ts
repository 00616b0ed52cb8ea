import { graderFor } from "../../graders/index.js";
import { localized, type Localized } from "../i18n.js";
import type { CheckSpec } from "../exercise/exercise-schema.js";
import { CheckSkipped, type ContextFor } from "./context.js";
import type { CheckOutcome, Requirement } from "./grader.js";
import type { CheckResult } from "./result.js";

/**
 * What checks run against: one context per requirement a caller can meet (the first feedback
 * has only the Dockerfile), and why the shared container stopped, when it has.
 */
export type CheckContexts = { [Needs in Requirement]?: ContextFor[Needs] } & {
  dockerfile: ContextFor["dockerfile"];
  stoppedContainer?(): Promise<Localized | undefined>;
};

class CheckTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`check did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Makes what the check needs (once per submission); a missing prerequisite skips the check. */
async function contextFor<Needs extends Requirement>(
  needs: Needs,
  contexts: CheckContexts,
): Promise<ContextFor[Needs]> {
  const context = contexts[needs];
  if (!context) throw new Error(`no ${needs} context here: a check that needs the ${needs} ran without one`);
  context.dockerfile();
  if (needs === "image") await (context as ContextFor["image"]).image();
  if (needs === "container") await (context as ContextFor["container"]).container();
  return context as ContextFor[Needs];
}

/** Runs one check to a result: a verdict for the learner, `skip` when it could not run, `error` when it is not the learner's fault. */
export async function runCheck(check: CheckSpec, contexts: CheckContexts, timeoutMs: number): Promise<CheckResult> {
  const grader = graderFor(check.kind);
  // A check's own time: the build or start-up it waits for is reported in the timings.
  let started = Date.now();
  const base = {
    id: check.id,
    kind: check.kind,
    title: check.title,
    maxPoints: check.points,
    visibility: check.visibility,
  };
  const finish = (
    status: CheckResult["status"],
    message: CheckResult["message"],
    extra: Partial<CheckResult> = {},
  ): CheckResult => ({
    ...base,
    status,
    points: status === "pass" ? check.points : 0,
    message,
    ...extra,
    durationMs: Date.now() - started,
  });
  try {
    const context = await contextFor(grader.needs, contexts);
    started = Date.now();
    const options = Object.fromEntries(Object.keys(grader.options).map((key) => [key, check[key]]));
    const outcome: CheckOutcome = await withTimeout(grader.run(options, context as never), timeoutMs);
    const hint = outcome.status === "fail" ? check.hint : undefined;
    return finish(outcome.status, outcome.message, { expected: outcome.expected, actual: outcome.actual, hint });
  } catch (error) {
    if (error instanceof CheckSkipped) {
      // Without a readable Dockerfile, a check of the Dockerfile itself fails: it is the learner's to fix.
      return grader.needs === "dockerfile"
        ? finish("fail", error.reason, { hint: check.hint })
        : finish("skip", error.reason);
    }
    if (error instanceof CheckTimeout) {
      return finish(
        "fail",
        localized(
          `La vérification a dépassé ${timeoutMs / 1000} s.`,
          `The check took longer than ${timeoutMs / 1000} s.`,
        ),
        { hint: check.hint },
      );
    }
    // A container check that could not read a container which stopped: the learner's app crashed.
    const stopped = grader.needs === "container" ? await contexts.stoppedContainer?.() : undefined;
    if (stopped) return finish("fail", stopped, { hint: check.hint });
    return finish("error", error instanceof Error ? error.message : String(error));
  }
}
