import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadExercise } from "../exercise/load-exercise.js";
import type { BatchItem } from "../grading/grade-batch.js";
import type { SubmissionResult } from "../grading/result.js";
import type { Localized } from "../i18n.js";
import { gradeItems, type GradeItemsOptions } from "./grade-items.js";
import { isIdentical, mutantsOf } from "./mutants/catalogue.js";
import { readSolution, writeMutant } from "./mutants/solution-files.js";
import { mutationCounts, type MutantOutcome, type MutationCounts } from "./mutation-score.js";

export interface MutantReport {
  name: string;
  family: string;
  description: Localized;
  outcome: MutantOutcome;
  score?: number;
  maxScore?: number;
  /** The checks that did not pass (what killed it). */
  killedBy: string[];
  /** Why grading could not complete, for an error. */
  error?: string;
  /** The build log's last lines, for a mutant that did not build. */
  buildLog?: string[];
}

export interface ExerciseMutants {
  exercise: string;
  dir: string;
  /** The unmutated solution's own grading: every outcome means something only when it earns full marks. */
  baseline: { status: SubmissionResult["status"]; score: number; maxScore: number };
  mutants: MutantReport[];
  counts: MutationCounts;
  wallMs: number;
}

export interface MutantsReport {
  exercises: ExerciseMutants[];
}

export interface RunMutantsOptions extends GradeItemsOptions {
  /** Families or mutant names to run; all when empty. */
  only: string[];
  /** At most this many mutants per exercise (the catalogue's order: the most telling first). */
  max?: number;
}

function outcomeOf(result: SubmissionResult): MutantOutcome {
  if (result.status === "error") return "error";
  if (result.build.status === "failed") return "not-built";
  return result.status === "passed" ? "survived" : "killed";
}

/** Grades every mutant of one exercise's solution (each a copy in a temporary folder) beside the solution itself. */
async function mutateExercise(exerciseDir: string, options: RunMutantsOptions): Promise<ExerciseMutants> {
  const started = Date.now();
  const exercise = await loadExercise(exerciseDir);
  const solution = await readSolution(exercise);
  const all = mutantsOf(solution, options.only);
  const identical = all.filter((mutant) => isIdentical(mutant, solution));
  const graded = all.filter((mutant) => !identical.includes(mutant)).slice(0, options.max ?? Number.POSITIVE_INFINITY);
  const workDir = await mkdtemp(join(tmpdir(), "dockgrade-mutants-"));
  try {
    const items: BatchItem[] = [{ exercise, dir: join(exercise.dir, "solution"), learner: "solution" }];
    for (const [index, mutant] of graded.entries()) {
      // Short folder names: the learner's name is the folder's, and names are isolated per submission.
      const dir = join(workDir, `mutant-${index + 1}`);
      await writeMutant(join(exercise.dir, "solution"), mutant, dir);
      items.push({ exercise, dir, learner: `mutant-${index + 1}`, label: mutant.name });
    }
    const [baseline, ...results] = await gradeItems(items, options);
    const baselineOk = baseline!.status === "passed";
    const mutants: MutantReport[] = [
      ...graded.map((mutant, index) => {
        const result = results[index]!;
        const outcome = baselineOk ? outcomeOf(result) : "error";
        return {
          name: mutant.name,
          family: mutant.family,
          description: mutant.description,
          outcome,
          score: result.score,
          maxScore: result.maxScore,
          killedBy: result.checks.filter((check) => check.status !== "pass").map((check) => check.id),
          error: baselineOk
            ? result.error
            : "the solution itself does not earn full marks: run `dockgrade verify` first",
          buildLog: outcome === "not-built" ? result.build.logExcerpt.slice(-5) : undefined,
        };
      }),
      ...identical.map((mutant) => ({
        name: mutant.name,
        family: mutant.family,
        description: mutant.description,
        outcome: "identical" as const,
        killedBy: [],
      })),
    ];
    return {
      exercise: exercise.spec.id,
      dir: exercise.dir,
      baseline: { status: baseline!.status, score: baseline!.score, maxScore: baseline!.maxScore },
      mutants,
      counts: mutationCounts(mutants.map((mutant) => mutant.outcome)),
      wallMs: Date.now() - started,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** `verify --mutants`: each exercise in turn, its mutants `concurrency` at a time. */
export async function runMutants(exerciseDirs: string[], options: RunMutantsOptions): Promise<MutantsReport> {
  const exercises: ExerciseMutants[] = [];
  for (const dir of exerciseDirs) exercises.push(await mutateExercise(dir, options));
  return { exercises };
}
