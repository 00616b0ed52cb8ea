import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding dockgrade's package.json, from sources or from dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || existsSync(join(dir, "tsconfig.build.json")) === false) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("dockgrade's package.json not found");
    dir = parent;
  }
  return dir;
}

export function bundledExercisesDir(): string {
  return join(packageRoot(), "exercises");
}
