import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function isDockgradeManifest(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { name?: unknown }).name === "dockgrade";
  } catch {
    return false;
  }
}

let cached: string | undefined;

/**
 * The folder holding dockgrade's own package.json, wherever npm put it (a checkout, dist/ in a
 * tarball install, a global prefix, npx's cache): the nearest one up whose name is "dockgrade".
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, "package.json")) && isDockgradeManifest(join(dir, "package.json")))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`dockgrade's package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  cached = dir;
  return dir;
}

/** dockgrade's own version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

export function bundledExercisesDir(): string {
  return join(packageRoot(), "exercises");
}
