import { Command } from "commander";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { graderFor } from "../graders/index.js";
import type { SubmissionTimings } from "../src/grading/result.js";
import { loadExercise, type LoadedExercise } from "../src/exercise/load-exercise.js";
import { packageRoot } from "../src/package-root.js";
import { bareImageNames, gradeBare, type BareRun } from "./bare-grading.js";
import { docker } from "./docker-cli.js";
import { gradeWithCli, type CliRun } from "./dockgrade-grading.js";
import { measureLearnerOverhead } from "./learner-overhead.js";
import { describeMachine } from "./machine.js";
import { benchmarksMarkdown, type BenchReport, type SubmissionBench } from "./report.js";
import { median, rounded, spread } from "./stats.js";
import { PACK, exerciseDirs, makeClass, measuredSubmissions } from "./submissions.js";

const root = packageRoot();
const log = (line: string) => process.stderr.write(`${line}\n`);

const hasStaticCheck = (exercise: LoadedExercise) =>
  exercise.spec.checks.some((check) => graderFor(check.kind)!.needs === "dockerfile" && check.visibility === "visible");
/** One build, one container, plus one build per check that declares a rebuild (build.cache). */
const expectedBuilds = (exercise: LoadedExercise) =>
  1 + exercise.spec.checks.filter((check) => check.kind === "build.cache").length;

/**
 * The shared container, plus the "started later" state of answers.command (issue 12), plus one
 * new container per image.command check (its command runs in a fresh container of the image).
 */
const expectedStarts = (exercise: LoadedExercise) =>
  1 +
  (exercise.spec.checks.some((check) => check.kind === "answers.command" && check["otherState"] !== false) ? 1 : 0) +
  exercise.spec.checks.filter((check) => check.kind === "image.command").length;

function medianTimings(runs: CliRun[]): SubmissionTimings {
  const timings = runs.map((run) => run.results[0]!.timings!);
  const keys = Object.keys(timings[0]!) as (keyof SubmissionTimings)[];
  return Object.fromEntries(
    keys.map((key) => [key, median(timings.map((entry) => entry[key]))]),
  ) as unknown as SubmissionTimings;
}

async function benchSubmission(name: string, exerciseDir: string, dir: string, runs: number): Promise<SubmissionBench> {
  const exercise = await loadExercise(exerciseDir);
  // Warm-up, not measured: the file cache and the engine see these files once before timing.
  await gradeBare(exercise, dir, 0);
  await gradeWithCli(exerciseDir, [dir]);
  const bare: BareRun[] = [];
  const graded: CliRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    // Alternate which goes first, so that a drift of the machine weighs on both alike.
    const measureBare = async () => bare.push(await gradeBare(exercise, dir, run));
    const measureCli = async () => graded.push(await gradeWithCli(exerciseDir, [dir]));
    if (run % 2 === 0) {
      await measureBare();
      await measureCli();
    } else {
      await measureCli();
      await measureBare();
    }
    log(
      `  ${name} run ${run + 1}/${runs}: bare ${(bare.at(-1)!.totalMs / 1000).toFixed(2)} s, dockgrade ${(graded.at(-1)!.wallMs / 1000).toFixed(2)} s`,
    );
  }
  const ratios = graded.map((run, index) => run.wallMs / bare[index]!.totalMs);
  const result = graded[0]!.results[0]!;
  const work = graded.map((run) => run.results[0]!.engineWork!);
  return {
    name,
    verdict: `${result.score}/${result.maxScore} ${result.status}`,
    bareMs: spread(bare.map((run) => run.totalMs)),
    dockgradeMs: spread(graded.map((run) => run.wallMs)),
    ratio: spread(ratios),
    barePhases: {
      buildMs: median(bare.map((run) => run.phases.buildMs)),
      startMs: median(bare.map((run) => run.phases.startMs)),
      healthMs: median(bare.map((run) => run.phases.healthMs)),
      checksMs: median(bare.map((run) => run.phases.checksMs)),
      cleanupMs: median(bare.map((run) => run.phases.cleanupMs)),
    },
    dockgradePhases: medianTimings(graded),
    healthMs: median(
      graded.map((run) =>
        run.results[0]!.checks.filter((check) => check.kind === "container.health").reduce(
          (sum, check) => sum + check.durationMs,
          0,
        ),
      ),
    ),
    checkMs: Object.fromEntries(
      result.checks.map((check) => [
        check.id,
        median(graded.map((run) => run.results[0]!.checks.find((entry) => entry.id === check.id)!.durationMs)),
      ]),
    ),
    firstFeedbackMs: hasStaticCheck(exercise)
      ? spread(graded.flatMap((run) => (run.firstFeedbackMs === undefined ? [] : [run.firstFeedbackMs])))
      : undefined,
    builds: Math.max(...work.map((entry) => entry.builds)),
    containersStarted: Math.max(...work.map((entry) => entry.containersStarted)),
    containerStartEvents: Math.max(...graded.map((run) => run.containerStartEvents)),
    expectedBuilds: expectedBuilds(exercise),
    expectedStarts: expectedStarts(exercise),
  };
}

async function benchBatch(learners: number, concurrencies: number[]): Promise<BenchReport["batch"]> {
  const team = await makeClass(root, learners);
  try {
    const exercises = new Map<string, LoadedExercise>();
    for (const dir of await exerciseDirs(root)) exercises.set(dir, await loadExercise(dir));
    let bareSumMs = 0;
    for (const [index, item] of team.items.entries())
      bareSumMs += (await gradeBare(exercises.get(item.exerciseDir)!, item.dir, index)).totalMs;
    log(`  batch: bare sum of ${team.items.length} submissions ${(bareSumMs / 1000).toFixed(1)} s`);
    const runs = [];
    for (const concurrency of concurrencies) {
      const run = await gradeWithCli(join(root, PACK), team.learnerDirs, ["--concurrency", String(concurrency)]);
      const graded = run.results.filter((result) => result.timings).length;
      if (graded !== team.items.length)
        throw new Error(`batch at concurrency ${concurrency}: ${graded} of ${team.items.length} submissions graded`);
      const builds = run.results.map((result) => result.engineWork?.builds ?? 0);
      runs.push({
        concurrency,
        wallMs: run.wallMs,
        ratioToBareSumPerConcurrency: run.wallMs / (bareSumMs / concurrency),
        maxBuildsPerSubmission: Math.max(...builds),
      });
      log(`  batch at concurrency ${concurrency}: ${(run.wallMs / 1000).toFixed(1)} s`);
    }
    return { submissions: team.items.length, bareSumMs, runs };
  } finally {
    await rm(team.dir, { recursive: true, force: true });
  }
}

/**
 * Both paths must start from the same engine: base images only. A tag left by an earlier bare run
 * (or a run killed before its clean-up) keeps layers the next build would take from the cache.
 */
async function startClean(submissions: { exerciseDir: string; dir: string }[]): Promise<void> {
  const loaded = await Promise.all(
    submissions.map(async (submission) => ({
      exercise: await loadExercise(submission.exerciseDir),
      dir: submission.dir,
    })),
  );
  const names = await bareImageNames(loaded);
  const present = (await docker(["images", "--format", "{{.Repository}}:{{.Tag}}"])).stdout.split("\n");
  const stale = names
    .map((name) => (name.includes(":") ? name : `${name}:latest`))
    .filter((name) => present.includes(name));
  if (stale.length > 0) await docker(["rmi", ...stale]);
  const leftovers = present.filter((name) => name.startsWith("dockgrade-"));
  if (leftovers.length > 0)
    throw new Error(
      `${leftovers.length} image(s) of an earlier dockgrade run are still on the engine (they would serve as cache): run \`dockgrade clean\` first`,
    );
}

const program = new Command("bench")
  .description("dockgrade against the bare docker CLI, per submission and for a class (not part of npm test)")
  .option("--runs <n>", "measured runs per submission", (value) => Number.parseInt(value, 10), 3)
  .option("--only <text>", "only the submissions whose name contains this")
  .option("--learners <n>", "learners in the batch (5 submissions each)", (value) => Number.parseInt(value, 10), 6)
  .option("--concurrency <list>", "batch concurrencies", "1,2,3")
  .option("--no-batch", "skip the batch")
  .option("--no-learner", "skip the learner's npm test measurement")
  .option("--json <path>", "where the results go", "bench/results.json")
  .option("--markdown <path>", "where the table goes", "BENCHMARKS.md")
  .action(
    async (options: {
      runs: number;
      only?: string;
      learners: number;
      concurrency: string;
      batch: boolean;
      learner: boolean;
      json: string;
      markdown: string;
    }) => {
      const machine = await describeMachine();
      log(
        `dockgrade bench on ${machine.cpu} (${machine.cores} cores), Docker ${machine.engine}, ${machine.baseImages}`,
      );
      const submissions = (await measuredSubmissions(root)).filter(
        (submission) => !options.only || submission.name.includes(options.only),
      );
      await startClean(submissions);
      const perSubmission: SubmissionBench[] = [];
      for (const submission of submissions)
        perSubmission.push(
          await benchSubmission(submission.name, submission.exerciseDir, submission.dir, options.runs),
        );
      const learner = options.learner
        ? await measureLearnerOverhead(root, join(root, PACK, "04-sante"), options.runs)
        : undefined;
      if (learner)
        log(
          `  learner: grade ${(learner.gradeMs.median / 1000).toFixed(2)} s, npm test ${(learner.npmTestMs.median / 1000).toFixed(2)} s`,
        );
      const batch = options.batch
        ? await benchBatch(options.learners, options.concurrency.split(",").map(Number))
        : undefined;
      // A partial rerun (--no-learner, --no-batch) keeps those sections of the previous results, dated.
      const previous = await readPreviousReport(resolve(root, options.json));
      const report: BenchReport = rounded(
        {
          machine,
          runs: options.runs,
          submissions: perSubmission,
          learner: learner ?? keptSection(previous?.learner, previous),
          batch: batch ?? keptSection(previous?.batch, previous),
        },
        3,
      );
      await writeFile(resolve(root, options.json), `${JSON.stringify(report, null, 2)}\n`);
      const history = await readFile(join(root, "bench/history.md"), "utf8").catch(() => "");
      // The soak's section (npm run soak) stays in BENCHMARKS.md when the bench rewrites it.
      const soak = await readFile(join(root, "bench/soak.md"), "utf8").catch(() => "");
      await writeFile(
        resolve(root, options.markdown),
        `${benchmarksMarkdown(report, history)}${soak ? `\n${soak}` : ""}`,
      );
      log(`wrote ${options.json} and ${options.markdown}`);
    },
  );

await program.parseAsync();

async function readPreviousReport(path: string): Promise<BenchReport | undefined> {
  const text = await readFile(path, "utf8").catch(() => undefined);
  return text ? (JSON.parse(text) as BenchReport) : undefined;
}

function keptSection<T extends { measuredAt?: string }>(
  section: T | undefined,
  previous: BenchReport | undefined,
): T | undefined {
  return section && previous ? { ...section, measuredAt: section.measuredAt ?? previous.machine.date } : undefined;
}
