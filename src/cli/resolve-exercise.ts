import { readFile, stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { bundledExercisesDir } from "../package-root.js";

/**
 * The exercise folder named on the command line, or, for a learner workspace made by
 * `dockgrade init` (no exercise.yaml, a package.json naming it), the exercise it belongs to.
 */
export async function resolveExerciseDir(dir: string): Promise<string> {
  const hasSpec = await stat(join(dir, "exercise.yaml")).then(() => true, () => false);
  if (hasSpec) return dir;
  const manifest = await readFile(join(dir, "package.json"), "utf8").then((text) => JSON.parse(text) as { dockgrade?: { exercise?: string } }, () => undefined);
  const reference = manifest?.dockgrade?.exercise;
  if (!reference) return dir;
  return isAbsolute(reference) ? reference : join(bundledExercisesDir(), reference);
}
