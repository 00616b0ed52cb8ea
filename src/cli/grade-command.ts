import { readFileSync } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { InterruptedError, UsageError } from "../errors.js";
import { batchProgress } from "./batch-progress.js";
import { liveFeedback } from "./live-feedback.js";
import type { BatchItem, SubmissionInput } from "../grading/grade-batch.js";
import { learnerName } from "../grading/learner-name.js";
import { runExitCode, type RunResult } from "../grading/result.js";
import { runStaticChecks } from "../grading/static-checks.js";
import type { Lang } from "../i18n.js";
import { renderReport, reporters } from "../report/index.js";
import { wasInterrupted } from "../runtime/interrupts.js";
import { newId } from "../runtime/labels.js";
import { limitsSchema, type Limits } from "../spec/exercise-schema.js";
import { findExerciseDirs } from "../spec/find-exercises.js";
import { loadExercise, type LoadedExercise } from "../spec/load-exercise.js";
import { packageRoot } from "../package-root.js";
import { ResultCache } from "./result-cache.js";
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
  write: (text: string) => void;
}

/** `--limit memoryMb=256` → { memoryMb: 256 }, checked against the spec's own limit schema. */
export function parseLimitOverrides(pairs: string[]): Partial<Limits> {
  const raw = Object.fromEntries(
    pairs.map((pair) => {
      const [name, value] = pair.split("=", 2);
      if (!name || value === undefined || !(name in limitsSchema.shape)) {
        throw new UsageError(`--limit ${pair}: expected name=value with name one of ${Object.keys(limitsSchema.shape).join(", ")}`);
      }
      return [name, Number(value)];
    }),
  );
  const parsed = limitsSchema.partial().safeParse(raw);
  if (!parsed.success) throw new UsageError(`--limit: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  return Object.fromEntries(Object.entries(parsed.data).filter(([name]) => name in raw)) as Partial<Limits>;
}

/** `--format json=out/results.json --format text` → where each report goes. */
export function parseFormats(values: string[]): { name: string; path?: string }[] {
  const outputs = (values.length > 0 ? values : ["text"]).map((value) => {
    const [name, path] = value.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!reporters[name]) throw new UsageError(`--format ${name}: unknown format (known: ${Object.keys(reporters).join(", ")})`);
    return { name, path: path || undefined };
  });
  if (outputs.filter((output) => !output.path).length > 1) throw new UsageError("--format: only one format can go to standard output; give the others a path (name=path)");
  return outputs;
}

/** Renders each requested format to its file, or to `write` (stdout) when it has no path. */
export async function writeReports(outputs: { name: string; path?: string }[], run: RunResult, lang: Lang, write: (text: string) => void): Promise<void> {
  for (const output of outputs) {
    const report = renderReport(output.name, run, { lang });
    if (output.path) await writeFile(output.path, report);
    else write(report);
  }
}

async function requireSubmission(path: string): Promise<void> {
  const found = await stat(path).then((s) => s.isDirectory() || (s.isFile() && ARCHIVE.test(path)), () => false);
  if (!found) throw new UsageError(`${path}: dossier de rendu introuvable / submission folder not found`);
}

/**
 * One exercise: each submission is graded against it. A pack (several exercises): each learner's
 * folder holds one sub-folder per exercise, named like the exercise's folder (`alice/01-tags`);
 * a missing one gets a failing verdict, so the gradebook shows it.
 */
async function matchExercises(exercises: LoadedExercise[], learners: SubmissionInput[]): Promise<BatchItem[]> {
  if (exercises.length === 1) return learners.map((learner) => ({ ...learner, exercise: exercises[0]! }));
  const items: BatchItem[] = [];
  for (const learner of learners) {
    for (const exercise of exercises) {
      const folder = basename(exercise.dir);
      const dir = join(learner.dir, folder);
      const present = await stat(dir).then((s) => s.isDirectory(), () => false);
      const problem = learner.problem ?? (present ? undefined : `${folder}: dossier absent du rendu / folder missing from the submission`);
      items.push({ exercise, dir, label: `${learner.label ?? learner.dir}/${folder}`, learner: learnerName(learner.label ?? learner.dir), problem });
    }
  }
  return items;
}

/** Previous results in `.dockgrade/` (or DOCKGRADE_CACHE_DIR); DOCKGRADE_RESULT_CACHE=off turns reuse off. */
async function openResultCache(): Promise<ResultCache | undefined> {
  if (process.env.DOCKGRADE_RESULT_CACHE === "off") return undefined;
  return ResultCache.open(process.env.DOCKGRADE_CACHE_DIR ?? ".dockgrade");
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** One submission folder holding the exercise's Dockerfile: its static checks can show before anything else loads. */
async function isSingleSubmission(exercises: LoadedExercise[], submissions: string[]): Promise<boolean> {
  const [only] = submissions;
  if (exercises.length !== 1 || submissions.length !== 1 || !only || ARCHIVE.test(only)) return false;
  return stat(join(only, exercises[0]!.spec.build.dockerfile)).then((s) => s.isFile(), () => false);
}

/** `dockgrade grade <exercise> <submission>...`: returns the run and its exit code. */
export async function gradeCommand(exerciseDir: string, submissions: string[], options: GradeCommandOptions): Promise<{ run: RunResult; exitCode: 0 | 1 | 2 }> {
  const outputs = parseFormats(options.format);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency ${options.concurrency}: expected a whole number >= 1`);
  const exerciseDirs = await findExerciseDirs(await resolveExerciseDir(exerciseDir));
  if (exerciseDirs.length === 0) throw new UsageError(`${exerciseDir}: no exercise.yaml in it or below it`);
  const exercises = await Promise.all(exerciseDirs.map(loadExercise));
  const limits = parseLimitOverrides(options.limit ?? []);
  for (const submission of submissions) await requireSubmission(submission);
  const live = options.progress && (await isSingleSubmission(exercises, submissions)) ? liveFeedback(options.progress, options.lang, options.began) : undefined;
  if (live) for (const result of await runStaticChecks(exercises[0]!.spec, submissions[0]!, options.lang)) live.check(result);
  // Loaded after the first feedback: the engine's client and the grading runtime take ~0.4 s to load.
  const [{ createDockerClient, requireEngine, probeEngine, engineLostHelp }, { gradeBatch }, { releaseBuildCache }, { expandSubmissionFolders }] = await Promise.all([
    import("../runtime/docker-client.js"),
    import("../grading/grade-batch.js"),
    import("../runtime/created-images.js"),
    import("./submission-folders.js"),
  ]);
  const docker = createDockerClient();
  await requireEngine(docker);
  // CI can name the run (e.g. its job id) so that `dockgrade clean --run` finds its objects.
  const runId = process.env.DOCKGRADE_RUN_ID || newId();
  // In a pack, a folder holding exercise folders is one learner's, not a class.
  const exerciseFolders = new Set(exercises.map((exercise) => basename(exercise.dir)));
  const expanded = await expandSubmissionFolders(submissions, (names) => exercises.length > 1 && names.some((name) => exerciseFolders.has(name)));
  let run: RunResult;
  try {
    const learners = takeShard(expanded.submissions, options.shard ? parseShard(options.shard) : undefined);
    const items = await matchExercises(exercises, learners);
    const cache = await openResultCache();
    const context = { version: packageVersion(), lang: options.lang, limits };
    const keys = cache ? await Promise.all(items.map((item) => cache.key(item, context))) : [];
    const reused = items.map((item, index) => (cache && !options.force ? cache.reuse(item, keys[index]!, options.onlyFailed ?? false) : undefined));
    const toGrade = items.filter((_, index) => !reused[index]);
    const progress = toGrade.length > 1 && options.progress ? batchProgress(toGrade.length, options.progress) : undefined;
    const graded = await gradeBatch(toGrade, {
      docker,
      runId,
      lang: options.lang,
      buildNetwork: options.buildNetwork,
      limits,
      concurrency,
      onStart: (submission) => progress?.started(submission),
      onSubmission: (result, done, total) => progress?.finished(result, done, total),
      onCheck: live && ((result) => live.check(result)),
    });
    progress?.stop();
    live?.stop();
    const results = reused.map((result) => result ?? graded.shift()!);
    // Engine trouble is not a verdict worth keeping: those are graded again next time.
    results.forEach((result, index) => cache && !result.reused && result.status !== "error" && cache.remember(items[index]!, keys[index]!, result));
    await cache?.save();
    run = { results };
  } finally {
    await expanded.release();
  }
  // Checks in error may mean the engine went away: then nothing could be removed, and the user must know.
  const engineLost = run.results.some((result) => result.status === "error") && !(await probeEngine(docker));
  if (engineLost) options.notice?.(`${engineLostHelp(runId)}\n`);
  else if (!options.keepCache) await releaseBuildCache(docker);
  if (wasInterrupted()) throw new InterruptedError("interrupted: nothing reported");
  await writeReports(outputs, run, options.lang, options.write);
  return { run, exitCode: runExitCode(run) };
}
