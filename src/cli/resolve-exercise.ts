import { stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { bundledExercisesDir } from "../package-root.js";
import { readWorkspaceManifest } from "../workspace/workspace-files.js";

const isFolder = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The folder of a bundled exercise (or pack) named by its id, e.g. `03-images-conteneurs/01-tags`. */
export function bundledExerciseDir(id: string): string {
  return join(bundledExercisesDir(), id);
}

/**
 * The exercise folder named on the command line: a folder holding exercise.yaml (or a pack of
 * them); a learner workspace made by `dockgrade init` (its package.json names the exercise); or,
 * when no such folder exists, the id of an exercise or pack bundled with dockgrade, wherever npm
 * installed it (`dockgrade init 03-images-conteneurs/01-tags mon-travail`).
 */
export async function resolveExerciseDir(dir: string): Promise<string> {
  if (await isFolder(dir)) {
    if (await exists(join(dir, "exercise.yaml"))) return dir;
    const manifest = await readWorkspaceManifest(dir);
    if (!manifest) return dir;
    return isAbsolute(manifest.exercise) ? manifest.exercise : bundledExerciseDir(manifest.exercise);
  }
  // An id names a folder below the bundled exercises, never above them.
  const isId = !isAbsolute(dir) && !dir.split(/[\\/]/).includes("..");
  return isId && (await isFolder(bundledExerciseDir(dir))) ? bundledExerciseDir(dir) : dir;
}
