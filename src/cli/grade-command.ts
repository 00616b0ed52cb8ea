import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { InterruptedError, UsageError } from "../errors.js";
import { findExerciseDirs } from "../exercise/find-exercises.js";
import { loadExercise, type LoadedExercise } from "../exercise/load-exercise.js";
import type Docker from "dockerode";
import type { BatchItem } from "../grading/grade-batch.js";
import { runExitCode, type RunResult, type SubmissionResult } from "../grading/result.js";
import type { EngineIdentity } from "../runtime/engine-identity.js";
import { runStaticChecks } from "../grading/static-checks.js";
import type { Lang } from "../i18n.js";
import { packageVersion } from "../package-root.js";
import { checkReportScope } from "../report/index.js";
import { onInterruptFinally, wasInterrupted } from "../runtime/interrupts.js";
import { newId } from "../runtime/labels.js";
import { batchProgress } from "./batch-progress.js";
import { matchExercises, requireSubmission } from "./grading-items.js";
import { parseLimitOverrides } from "./limit-overrides.js";
import { liveFeedback } from "./live-feedback.js";
import { loadRoster, parseFormats, writeReports } from "./report-outputs.js";
import { ResultCache, type EngineKey } from "./result-cache.js";
import { resumeNotice } from "./resume-notice.js";
import { resolveExerciseDir } from "./resolve-exercise.js";
import { parseShard, takeShard } from "./shard.js";
import { ARCHIVE } from "./unpack-archive.js";

export interface GradeCommandOptions {
  /** `name` (to stdout) or `name=path`; at most one goes to stdout. */
  format: string[];
  lang: Lang;
  buildNetwork: "default" | "none";
  /** `i/n`: grade only this deterministic slice of the submissions. */
  shard?: string;
  /** Submissions graded at the same time. */
  concurrency?: number;
  /** Where progress goes when there are several submissions (a bar on a terminal, lines otherwise). */
  progress?: NodeJS.WriteStream;
  /** Grade every submission again, even unchanged ones. */
  force?: boolean;
  /** Keep each learner's latest passing result; grade only the others. */
  onlyFailed?: boolean;
  /** Keep the build cache (intermediate images) for the next run instead of removing it. */
  keepCache?: boolean;
  /** Where messages beside the report go (standard error). */
  notice?: (text: string) => void;
  /** When the command started (process start), for the times live feedback shows. */
  began?: number;
  /** `name=value` overrides of the exercise's limits. */
  limit?: string[];
  /** How long a batch waits for an engine that stopped answering before it goes on (default 60). */
  engineWaitSeconds?: number;
  /** A class roster (CSV) mapping submission folders to students, for the gradebooks. */
  roster?: string;
  write: (text: string) => void;
}

/** Previous results in `.dockgrade/` (or DOCKGRADE_CACHE_DIR); DOCKGRADE_RESULT_CACHE=off turns reuse off. */
async function openResultCache(): Promise<ResultCache | undefined> {
  if (process.env.DOCKGRADE_RESULT_CACHE === "off") return undefined;
  return ResultCache.open(process.env.DOCKGRADE_CACHE_DIR ?? ".dockgrade");
}

/** Each item's key in the result cache: the submission, and what its result depends on, the engine included. */
async function resultKeys(
  cache: ResultCache,
  items: BatchItem[],
  identity: Promise<EngineIdentity>,
  docker: Docker,
  limits: unknown,
): Promise<{ engine: EngineKey; keys: Map<BatchItem, string> }> {
  const { baseImageIds } = await import("../runtime/engine-identity.js");
  const refs = [...new Set(items.flatMap((item) => item.exercise.spec.baseImages ?? []))];
  const [{ id, version }, baseIds] = await Promise.all([identity, baseImageIds(docker, refs)]);
  const engine = { id, version };
  const dockgradeVersion = packageVersion();
  const keys = await Promise.all(
    items.map((item) =>
      cache.key(item, {
        version: dockgradeVersion,
        limits,
        engine,
        baseImages: Object.fromEntries((item.exercise.spec.baseImages ?? []).map((ref) => [ref, baseIds[ref] ?? null])),
      }),
    ),
  );
  return { engine, keys: new Map(items.map((item, index) => [item, keys[index]!])) };
}

/** One submission folder holding the exercise's Dockerfile: its static checks can show before anything else loads. */
async function isSingleSubmission(exercises: LoadedExercise[], submissions: string[]): Promise<boolean> {
  const [only] = submissions;
  if (exercises.length !== 1 || submissions.length !== 1 || !only || ARCHIVE.test(only)) return false;
  return stat(join(only, exercises[0]!.spec.build.dockerfile)).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** `dockgrade grade <exercise> <submission>...`: returns the run and its exit code. */
export async function gradeCommand(
  exerciseDir: string,
  submissions: string[],
  options: GradeCommandOptions,
): Promise<{ run: RunResult; exitCode: 0 | 1 | 2 }> {
  const outputs = parseFormats(options.format);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(`--concurrency ${options.concurrency}: expected a whole number >= 1`);
  const exerciseDirs = await findExerciseDirs(await resolveExerciseDir(exerciseDir));
  if (exerciseDirs.length === 0) throw new UsageError(`${exerciseDir}: no exercise.yaml in it or below it`);
  const exercises = await Promise.all(exerciseDirs.map(loadExercise));
  const limits = parseLimitOverrides(options.limit ?? []);
  const roster = await loadRoster(options.roster);
  for (const submission of submissions) await requireSubmission(submission);
  const live =
    options.progress && (await isSingleSubmission(exercises, submissions))
      ? liveFeedback(options.progress, options.lang, options.began)
      : undefined;
  if (live) for (const result of await runStaticChecks(exercises[0]!.spec, submissions[0]!)) live.check(result);
  // Loaded after the first feedback: the engine's client and the grading runtime take ~0.4 s to load.
  const [
    { createDockerClient, requireEngine },
    { gradeBatch },
    { engineIdentity },
    { RunGuard },
    { expandSubmissionFolders },
  ] = await Promise.all([
    import("../runtime/docker-client.js"),
    import("../grading/grade-batch.js"),
    import("../runtime/engine-identity.js"),
    import("./run-guard.js"),
    import("./submission-folders.js"),
  ]);
  // CI can name the run (e.g. its job id) so that `dockgrade clean --run` finds its objects.
  const runId = process.env.DOCKGRADE_RUN_ID || newId();
  // In a pack, a folder holding exercise folders is one learner's, not a class.
  const exerciseFolders = new Set(exercises.map((exercise) => basename(exercise.dir)));
  const expanded = await expandSubmissionFolders(
    submissions,
    (names) => exercises.length > 1 && names.some((name) => exerciseFolders.has(name)),
  );
  const docker = createDockerClient();
  let run: RunResult;
  try {
    const learners = takeShard(expanded.submissions, options.shard ? parseShard(options.shard) : undefined);
    const items = await matchExercises(exercises, learners);
    // Before any build: a format for one submission cannot take a class.
    checkReportScope(
      outputs.map((output) => output.format),
      items.length,
    );
    // Read beside the probe; waited for only where it is needed (/info is slow on a busy engine).
    const identity = engineIdentity(docker);
    await requireEngine(docker);
    const guard = new RunGuard(docker, runId, identity, {
      notice: options.notice ?? (() => undefined),
      lang: options.lang,
      engineWaitMs: (options.engineWaitSeconds ?? 60) * 1000,
    });
    const forgetInterrupt = onInterruptFinally(() => guard.interrupted());
    const cache = await openResultCache();
    // A result depends on the engine and on the base images it built on: both are in its key. The
    // keys are needed first only when there are previous results to reuse or errors to tell about.
    const keysReady = cache && resultKeys(cache, items, identity, docker, limits);
    const known = cache && keysReady && !cache.isEmpty && !options.force ? await keysReady : undefined;
    const reused = items.map((item) =>
      cache && known ? cache.reuse(item, known.keys.get(item)!, options.onlyFailed ?? false, known.engine) : undefined,
    );
    const toGrade = items.filter((_, index) => !reused[index]);
    const retried = toGrade.filter((item) => known && cache?.previousError(known.keys.get(item)!)).length;
    const resume = resumeNotice(
      { reused: reused.flatMap((result) => (result ? [result] : [])), retried, fresh: toGrade.length - retried },
      options.lang,
    );
    if (resume) options.notice?.(resume);
    const remember = (item: BatchItem, result: SubmissionResult) =>
      void keysReady?.then(({ keys, engine }) => {
        cache!.remember(item, keys.get(item)!, result, runId, engine);
        cache!.saveSoon();
      });
    const progress =
      toGrade.length > 1 && options.progress ? batchProgress(toGrade.length, options.progress) : undefined;
    const graded = await gradeBatch(toGrade, {
      docker,
      runId,
      journal: guard.journal,
      buildNetwork: options.buildNetwork,
      limits,
      concurrency,
      beforeStart: () => guard.beforeStart(),
      onStart: (submission) => progress?.started(submission),
      onSubmission: (result, done, total, item) => {
        guard.judge(result);
        // Kept as each arrives, so that a run killed later keeps what it graded (errors are never reused).
        if (!wasInterrupted()) remember(item, result);
        progress?.finished(result, done, total);
      },
      onCheck: live && ((result) => live.check(result)),
    });
    progress?.stop();
    live?.stop();
    // Some gradings turn out to have overlapped the engine's outage only once the batch is over.
    (await guard.recheck(graded)).forEach((changed, index) => changed && remember(toGrade[index]!, graded[index]!));
    const results = reused.map((result) => result ?? graded.shift()!);
    await keysReady;
    await cache?.save();
    run = { results };
    await guard.finish(results, options.keepCache ?? false);
    forgetInterrupt();
  } finally {
    await expanded.release();
  }
  if (wasInterrupted()) throw new InterruptedError("interrupted: nothing reported");
  await writeReports(outputs, run, { lang: options.lang, roster, notice: options.notice }, options.write);
  return { run, exitCode: runExitCode(run) };
}
