import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** Every exercise folder (holding exercise.yaml) at or below `root`, sorted. */
export async function findExerciseDirs(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  if (entries.some((entry) => entry.isFile() && entry.name === "exercise.yaml")) return [root];
  const nested = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => findExerciseDirs(join(root, entry.name))),
  );
  return nested.flat();
}
