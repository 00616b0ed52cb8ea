import { join } from "node:path";
import { SpecError } from "../errors.js";
import { loadExercise, type LoadedExercise } from "../exercise/load-exercise.js";
import type { BatchItem } from "../grading/grade-batch.js";
import type { SubmissionResult } from "../grading/result.js";
import { caseProblems, type CaseProblem } from "./case-verdict.js";
import { gradeItems, type GradeItemsOptions } from "./grade-items.js";
import { verifyCases, type VerifyCase } from "./verify-cases.js";

export interface CaseReport {
  name: string;
  dir: string;
  expect: VerifyCase["expect"];
  result: SubmissionResult;
  problems: CaseProblem[];
}

export interface ExerciseReport {
  exercise: string;
  dir: string;
  cases: CaseReport[];
}

export interface VerifyReport {
  exercises: ExerciseReport[];
  /** True when every case got what it must. */
  ok: boolean;
}

/** Every check id a fixture names must exist: a typo would make the fixture unprovable. */
function checkDeclaredIds(exercise: LoadedExercise, cases: VerifyCase[]): void {
  const ids = new Set(exercise.spec.checks.map((check) => check.id));
  const problems = cases.flatMap((c) =>
    c.expect.kind === "fixture"
      ? [...c.expect.fails, ...(c.expect.skips ?? [])]
          .filter((id) => !ids.has(id))
          .map((id) => `${join(c.dir, "expected.yaml")}: "${id}" is not a check of ${exercise.spec.id}`)
      : [],
  );
  if (problems.length > 0) throw new SpecError(join(exercise.dir, "fixtures"), problems);
}

/** Loads each exercise and the cases it must pass; spec problems stop everything before any build. */
export async function loadVerifyCases(
  exerciseDirs: string[],
): Promise<{ exercise: LoadedExercise; cases: VerifyCase[] }[]> {
  return Promise.all(
    exerciseDirs.map(async (dir) => {
      const exercise = await loadExercise(dir);
      const cases = await verifyCases(dir);
      checkDeclaredIds(exercise, cases);
      return { exercise, cases };
    }),
  );
}

/** Grades the solution, the starter and every fixture of each exercise, and compares with what each must get. */
export async function verifyExercises(exerciseDirs: string[], options: GradeItemsOptions): Promise<VerifyReport> {
  const loaded = await loadVerifyCases(exerciseDirs);
  const items: (BatchItem & { verifyCase: VerifyCase })[] = loaded.flatMap(({ exercise, cases }) =>
    cases.map((verifyCase) => ({
      exercise,
      dir: verifyCase.dir,
      // Each case its own learner name: names are isolated per submission anyway.
      learner: verifyCase.name,
      verifyCase,
    })),
  );
  const results = await gradeItems(items, options);
  const exercises = loaded.map(({ exercise }) => ({
    exercise: exercise.spec.id,
    dir: exercise.dir,
    cases: items.flatMap((item, index) =>
      item.exercise === exercise
        ? [
            {
              name: item.verifyCase.name,
              dir: item.verifyCase.dir,
              expect: item.verifyCase.expect,
              result: results[index]!,
              problems: caseProblems(results[index]!, item.verifyCase.expect),
            },
          ]
        : [],
    ),
  }));
  return { exercises, ok: exercises.every((e) => e.cases.every((c) => c.problems.length === 0)) };
}
