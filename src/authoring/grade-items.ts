import { InterruptedError } from "../errors.js";
import type { BatchItem } from "../grading/grade-batch.js";
import type { SubmissionResult } from "../grading/result.js";
import type { Lang } from "../i18n.js";
import { onInterruptFinally, wasInterrupted } from "../runtime/interrupts.js";
import { newId } from "../runtime/labels.js";

export interface GradeItemsOptions {
  concurrency: number;
  lang: Lang;
  buildNetwork?: "default" | "none";
  /** Where messages beside the report go (standard error). */
  notice?: (text: string) => void;
  /** Called as each item finishes, with how many are done. */
  onItem?: (result: SubmissionResult, done: number, total: number, item: BatchItem) => void;
  /** Stops starting items: those under way finish and are cleaned up, then the call rejects. */
  signal?: AbortSignal;
}

/**
 * Grades items the way `dockgrade grade` does, without reusing previous results: a run journal,
 * the engine watch, `concurrency` at a time, and the end of the run (build cache, what is left).
 */
export async function gradeItems(items: BatchItem[], options: GradeItemsOptions): Promise<SubmissionResult[]> {
  const [{ createDockerClient, requireEngine }, { gradeBatch }, { engineIdentity }, { RunGuard }] = await Promise.all([
    import("../runtime/docker-client.js"),
    import("../grading/grade-batch.js"),
    import("../runtime/engine-identity.js"),
    import("../cli/run-guard.js"),
  ]);
  const docker = createDockerClient();
  const runId = process.env.DOCKGRADE_RUN_ID || newId();
  const identity = engineIdentity(docker);
  await requireEngine(docker);
  const guard = new RunGuard(docker, runId, identity, {
    notice: options.notice ?? (() => undefined),
    lang: options.lang,
    engineWaitMs: 60_000,
  });
  const forgetInterrupt = onInterruptFinally(() => guard.interrupted());
  const results = await gradeBatch(items, {
    docker,
    runId,
    journal: guard.journal,
    buildNetwork: options.buildNetwork ?? "default",
    limits: {},
    concurrency: options.concurrency,
    signal: options.signal,
    beforeStart: () => guard.beforeStart(),
    onSubmission: (result, done, total, item) => {
      guard.judge(result);
      options.onItem?.(result, done, total, item);
    },
  });
  // After an abort, the items that never started have no result.
  const graded = results.filter(Boolean);
  await guard.recheck(graded);
  await guard.finish(graded, false);
  forgetInterrupt();
  if (wasInterrupted()) throw new InterruptedError("interrupted: nothing reported");
  options.signal?.throwIfAborted();
  return results;
}
