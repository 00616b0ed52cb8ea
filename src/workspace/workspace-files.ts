import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The test file `dockgrade init` writes: vitest runs it, it turns each check into a test. */
export const WORKSPACE_TEST_FILE = "dockgrade.test.mjs";

/** Report files the CI templates write in the workspace. */
export const CI_REPORT_FILES = ["dockgrade-junit.xml", "dockgrade.md", "dockgrade-classroom.txt"] as const;

/**
 * What a learner workspace holds for npm, vitest, git, CI and dockgrade rather than for the
 * exercise: top-level names that are never part of the learner's answer. They stay out of the
 * build context even when the learner deleted `.dockerignore` (a COPY . . of node_modules would
 * add ~100 MB to a correct image), and out of the key under which a result is reused.
 */
export const WORKSPACE_MACHINERY: readonly string[] = [
  "node_modules",
  "package.json",
  "package-lock.json",
  WORKSPACE_TEST_FILE,
  ".git",
  ".gitignore",
  ".github",
  ".gitlab-ci.yml",
  ".dockgrade",
  ...CI_REPORT_FILES,
];

/** True for a path (relative to the workspace, `/`-separated) that is or lies under a machinery name. */
export function isWorkspaceMachinery(relativePath: string): boolean {
  const top = relativePath.split("/", 1)[0]!;
  return WORKSPACE_MACHINERY.includes(top);
}

export interface WorkspaceManifest {
  /** The exercise: a bundled exercise's id, or the absolute path of its folder. */
  exercise: string;
}

/**
 * The `dockgrade` field of a learner workspace's package.json (what `dockgrade init` wrote), or
 * undefined when `dir` is not a workspace: no package.json, not JSON, or no `dockgrade.exercise`.
 */
export async function readWorkspaceManifest(dir: string): Promise<WorkspaceManifest | undefined> {
  const text = await readFile(join(dir, "package.json"), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const exercise = (JSON.parse(text) as { dockgrade?: { exercise?: unknown } } | null)?.dockgrade?.exercise;
    return typeof exercise === "string" && exercise.length > 0 ? { exercise } : undefined;
  } catch {
    return undefined;
  }
}
