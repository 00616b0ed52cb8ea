import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { UsageError } from "../errors.js";
import type { LoadedExercise } from "../exercise/load-exercise.js";
import type { BatchItem, SubmissionInput } from "../grading/grade-batch.js";
import { learnerName } from "../grading/learner-name.js";
import { ARCHIVE } from "./unpack-archive.js";

export async function requireSubmission(path: string): Promise<void> {
  const found = await stat(path).then(
    (s) => s.isDirectory() || (s.isFile() && ARCHIVE.test(path)),
    () => false,
  );
  if (!found) throw new UsageError(`${path}: dossier de rendu introuvable / submission folder not found`);
}

/**
 * One exercise: each submission is graded against it. A pack (several exercises): each learner's
 * folder holds one sub-folder per exercise, named like the exercise's folder (`alice/01-tags`);
 * a missing one gets a failing verdict, so the gradebook shows it.
 */
export async function matchExercises(exercises: LoadedExercise[], learners: SubmissionInput[]): Promise<BatchItem[]> {
  if (exercises.length === 1) return learners.map((learner) => ({ ...learner, exercise: exercises[0]! }));
  const items: BatchItem[] = [];
  for (const learner of learners) {
    for (const exercise of exercises) {
      const folder = basename(exercise.dir);
      const dir = join(learner.dir, folder);
      const present = await stat(dir).then(
        (s) => s.isDirectory(),
        () => false,
      );
      const problem =
        learner.problem ??
        (present ? undefined : `${folder}: dossier absent du rendu / folder missing from the submission`);
      items.push({
        exercise,
        dir,
        label: `${learner.label ?? learner.dir}/${folder}`,
        learner: learnerName(learner.label ?? learner.dir),
        problem,
      });
    }
  }
  return items;
}
