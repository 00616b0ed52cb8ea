import type { SubmissionTimings } from "../src/grading/result.js";
import type { PhaseTimes } from "./bare-grading.js";
import type { LearnerOverhead } from "./learner-overhead.js";
import type { Machine } from "./machine.js";
import { median, type Spread } from "./stats.js";

export interface SubmissionBench {
  name: string;
  verdict: string;
  bareMs: Spread;
  dockgradeMs: Spread;
  /** dockgrade wall time / bare wall time, run by run. */
  ratio: Spread;
  barePhases: PhaseTimes;
  dockgradePhases: SubmissionTimings;
  healthMs: number;
  checkMs: Record<string, number>;
  firstFeedbackMs?: Spread;
  builds: number;
  containersStarted: number;
  containerStartEvents: number;
  expectedBuilds: number;
  /**
   * One, plus the other state answers.command starts when a check reads the state twice, plus
   * one per image.command check (a new container of the image, as container-structure-test runs).
   */
  expectedStarts: number;
}

export interface BenchReport {
  machine: Machine;
  runs: number;
  submissions: SubmissionBench[];
  /** A learner's `npm test` against `dockgrade grade . .` in the same workspace. */
  learner?: LearnerOverhead & { measuredAt?: string };
  batch?: {
    /** Set when the section was kept from an earlier run (`--no-batch`): that run's date. */
    measuredAt?: string;
    submissions: number;
    bareSumMs: number;
    runs: {
      concurrency: number;
      wallMs: number;
      ratioToBareSumPerConcurrency: number;
      maxBuildsPerSubmission: number;
    }[];
  };
}

/** The targets of issue 14, as ratios to the bare docker CLI measured in the same run. */
export const TARGETS = { medianRatio: 1.1, tagsRatio: 1.25, firstFeedbackMs: 300, batchAtTwo: 1.3 };

/** 01-tags is a build and three tags: node's own start-up weighs most there, so it has its own target. */
const isTagsExercise = (entry: SubmissionBench) => entry.name.startsWith("01-tags");

const s = (ms: number) => (ms / 1000).toFixed(2);
const x = (ratio: number) => ratio.toFixed(2);
const mark = (ok: boolean) => (ok ? "met" : "**missed**");

/** A line saying a section comes from an earlier run (kept by a partial rerun), with its date. */
const keptFrom = (measuredAt: string | undefined) =>
  measuredAt
    ? [`Kept from the run of ${measuredAt.slice(0, 16).replace("T", " ")} UTC (this run skipped it).`, ""]
    : [];

/** The tables of this run, then `history` (bench/history.md: what changed, with earlier numbers), verbatim. */
export function benchmarksMarkdown(report: BenchReport, history = ""): string {
  const { machine } = report;
  const lines = [
    "# Benchmarks",
    "",
    "`npm run bench` grades the chapter 03 solutions and a few fixtures twice each run: once as an",
    "instructor would by hand with the docker CLI (`docker build`, `docker run -d`, health polled every",
    "250 ms with `docker inspect`, one `docker inspect`/`exec`/`history` per check, `docker rm -f`,",
    "`docker rmi`), once with `dockgrade grade` (the CLI, node start-up included). Both start from the same",
    "engine state: base images present, nothing of the submission's own layers cached. Raw numbers:",
    "[`bench/results.json`](bench/results.json).",
    "",
    `Measured ${machine.date.slice(0, 16).replace("T", " ")} UTC on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB),`,
    `Linux ${machine.kernel}, Node ${machine.node}, Docker ${machine.engine} (${machine.storageDriver}); base images: ${machine.baseImages}.`,
    `${report.runs} measured runs per submission after one warm-up run.`,
    "",
    "## Per submission (median of the runs; ratio min / median / max)",
    "",
    "| submission | verdict | bare | dockgrade | ratio | first feedback | builds | containers |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    ...report.submissions.map(
      (entry) =>
        `| ${entry.name} | ${entry.verdict} | ${s(entry.bareMs.median)} s | ${s(entry.dockgradeMs.median)} s | ${x(entry.ratio.min)} / **${x(entry.ratio.median)}** / ${x(entry.ratio.max)} | ${entry.firstFeedbackMs ? `${s(entry.firstFeedbackMs.median)} s` : "(no static check)"} | ${entry.builds} (≤ ${entry.expectedBuilds}) | ${entry.containersStarted} (${entry.containerStartEvents} start events, ≤ ${entry.expectedStarts}) |`,
    ),
    "",
    "## Where the time goes (median, seconds: bare / dockgrade)",
    "",
    "| submission | build | start | health wait | all checks | cleanup | static feedback (in-process) |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...report.submissions.map(
      (entry) =>
        `| ${entry.name} | ${s(entry.barePhases.buildMs)} / ${s(entry.dockgradePhases.buildMs)} | ${s(entry.barePhases.startMs)} / ${s(entry.dockgradePhases.startMs)} | ${s(entry.barePhases.healthMs)} / ${s(entry.healthMs)} | ${s(entry.barePhases.checksMs)} / ${s(entry.dockgradePhases.checksMs)} | ${s(entry.barePhases.cleanupMs)} / ${s(entry.dockgradePhases.cleanupMs)} | ${s(entry.dockgradePhases.staticMs)} |`,
    ),
    "",
  ];
  if (report.learner) {
    const { learner } = report;
    lines.push(
      `## A learner's \`npm test\` (${learner.exercise}, solution, median of the runs)`,
      "",
      ...keptFrom(learner.measuredAt),
      "| `dockgrade grade . .` | `npm test` (npm, vitest, one test per check) | overhead of `npm test` |",
      "|---:|---:|---:|",
      `| ${s(learner.gradeMs.median)} s | ${s(learner.npmTestMs.median)} s | ${s(learner.overheadMs)} s |`,
      "",
    );
  }
  if (report.batch) {
    const { batch } = report;
    lines.push(
      `## A class of ${batch.submissions} submissions (\`dockgrade grade <pack> <learner>...\`)`,
      "",
      ...keptFrom(batch.measuredAt),
      `Bare, one after the other: ${s(batch.bareSumMs)} s in all.`,
      "",
      "| concurrency | wall time | vs bare sum / concurrency | most builds of one submission |",
      "|---:|---:|---:|---:|",
      ...batch.runs.map(
        (run) =>
          `| ${run.concurrency} | ${s(run.wallMs)} s | ${x(run.ratioToBareSumPerConcurrency)} | ${run.maxBuildsPerSubmission} |`,
      ),
      "",
    );
  }
  const ratios = report.submissions.filter((entry) => !isTagsExercise(entry)).map((entry) => entry.ratio.median);
  const tagsRatios = report.submissions.filter(isTagsExercise).map((entry) => entry.ratio.median);
  // Judged like the ratios, on each submission's median; the slowest single run is shown beside it.
  const feedback = report.submissions.flatMap((entry) => (entry.firstFeedbackMs ? [entry.firstFeedbackMs.median] : []));
  const slowestFeedbackRun = Math.max(
    ...report.submissions.flatMap((entry) => (entry.firstFeedbackMs ? [entry.firstFeedbackMs.max] : [])),
  );
  const atTwo = report.batch?.runs.find((run) => run.concurrency === 2);
  lines.push(
    "## Targets",
    "",
    ratios.length > 0
      ? `- Every exercise at most ${TARGETS.medianRatio}× the bare CLI (median ratio per submission, 01-tags apart): worst ${x(Math.max(...ratios))} — ${mark(Math.max(...ratios) <= TARGETS.medianRatio)}.`
      : "- Exercises other than 01-tags: not measured.",
    tagsRatios.length > 0
      ? `- 01-tags at most ${TARGETS.tagsRatio}×: worst ${x(Math.max(...tagsRatios))} — ${mark(Math.max(...tagsRatios) <= TARGETS.tagsRatio)}.`
      : "- 01-tags: not measured.",
    feedback.length > 0
      ? `- First static feedback < ${s(TARGETS.firstFeedbackMs)} s (median per submission): slowest ${s(Math.max(...feedback))} s — ${mark(Math.max(...feedback) < TARGETS.firstFeedbackMs)} (slowest single run ${s(slowestFeedbackRun)} s).`
      : "- First static feedback: not measured.",
    `- One build and one container per submission (a second build only for build.cache, a second start only for answers.command's other state and one per image.command check): ${mark(report.submissions.every((entry) => entry.builds <= entry.expectedBuilds && entry.containersStarted <= 1 && entry.containerStartEvents <= entry.expectedStarts))}.`,
    atTwo
      ? `- Batch at concurrency 2 within ${TARGETS.batchAtTwo}× of bare sum / 2: ${x(atTwo.ratioToBareSumPerConcurrency)}× — ${mark(atTwo.ratioToBareSumPerConcurrency <= TARGETS.batchAtTwo)}.`
      : "- Batch: not measured.",
    "",
  );
  return `${lines.join("\n")}${history ? `\n${history.trim()}\n` : ""}`;
}
