import { chmod, cp, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { readFile } from "node:fs/promises";
import { inject } from "vitest";
import { parse } from "yaml";
import type { CliRun } from "./cli.js";
import { run } from "./user-shell.js";

/** What the package project's global setup made, outside the checkout (see test/package/global-setup.ts). */
export interface PackedPackage {
  /** A temporary folder under os.tmpdir(), readable by every user, removed at the end. */
  root: string;
  /** `npm pack`'s tarball of the checkout. */
  tarball: string;
  /** A folder where `npm install <tarball>` ran: node_modules/dockgrade and its dependencies. */
  installed: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    packedPackage: PackedPackage;
  }
}

export function packedPackage(): PackedPackage {
  return inject("packedPackage");
}

/** The installed package's `dockgrade` command (node_modules/.bin/dockgrade). */
export function installedBin(folder: string): string {
  return join(folder, "node_modules", ".bin", "dockgrade");
}

/** A new empty folder under the packed package's root (never inside the checkout). */
export async function scratchFolder(prefix: string): Promise<string> {
  const { root } = packedPackage();
  await mkdir(join(root, "scratch"), { recursive: true });
  const folder = await mkdtemp(join(root, "scratch", `${prefix}-`));
  // mkdtemp makes it private to root; a learner account must be able to reach its workspace.
  await chmod(folder, 0o755);
  return folder;
}

/**
 * Gives a workspace the node_modules of the global setup's install (the same dependencies its
 * `npm install` would fetch), so that tests that are not about installing do not each spend
 * ~20 s extracting 100 MB; the workspace's own `npm install --offline` then settles it.
 */
export async function seedNodeModules(workspace: string): Promise<void> {
  await cp(join(packedPackage().installed, "node_modules"), join(workspace, "node_modules"), {
    recursive: true,
    verbatimSymlinks: true,
  });
}

/** Copies a submission's files over a workspace (its expected.yaml left out). */
export async function copyAnswer(from: string, workspace: string): Promise<void> {
  for (const name of await readdir(from))
    if (name !== "expected.yaml") await cp(join(from, name), join(workspace, name), { recursive: true, force: true });
}

/** Removes files of a workspace that an answer does not have (to go back to the starter's set). */
export async function removeFiles(workspace: string, names: string[]): Promise<void> {
  for (const name of names) await rm(join(workspace, name), { recursive: true, force: true });
}

/** The points a submission gets when it fails exactly `fails` (the checks' ids), and the maximum. */
export async function expectedScore(exerciseDir: string, fails: string[]): Promise<{ score: number; max: number }> {
  const spec = parse(await readFile(join(exerciseDir, "exercise.yaml"), "utf8")) as {
    checks: { id: string; points: number }[];
  };
  const max = spec.checks.reduce((sum, check) => sum + check.points, 0);
  const lost = spec.checks.filter((check) => fails.includes(check.id)).reduce((sum, check) => sum + check.points, 0);
  return { score: max - lost, max };
}

/** The checks a fixture declares it fails (its expected.yaml). */
export async function declaredFailures(fixtureDir: string): Promise<string[]> {
  return (parse(await readFile(join(fixtureDir, "expected.yaml"), "utf8")) as { fails: string[] }).fails;
}
