import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { setup as engineSetup } from "../engine/global-setup.js";
import type { PackedPackage } from "../support/packed-package.js";
import { npm, userEnv } from "../support/user-shell.js";

const exec = promisify(execFile);

/**
 * dockgrade as its users get it: `npm pack` of this checkout (dist/ as `npm test`'s pretest
 * built it: packing does not build again, so that no other test project sees dist/ vanish),
 * installed once with `npm install <tarball>` into a folder under os.tmpdir(), where node's
 * module resolution cannot reach the checkout or its node_modules. The engine checks of the
 * engine tests apply: nothing labelled may be left on the engine at the end.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engineTeardown = await engineSetup();
  const checkout = resolve(".");
  if (!(await stat(join(checkout, "dist", "src", "cli", "main.js")).catch(() => undefined)))
    throw new Error("dist/ is missing: run `npm run build` (npm test's pretest does) before the package tests");
  const root = await mkdtemp(join(tmpdir(), "dockgrade-package-"));
  if (!relative(checkout, root).startsWith("..")) throw new Error(`${root} is inside the checkout`);
  // A learner account (not root) reads the tarball and its workspaces from here.
  await chmod(root, 0o755);
  try {
    const packed = await exec(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", root], {
      cwd: checkout,
      env: userEnv(),
      maxBuffer: 16 * 1024 * 1024,
    });
    const { filename } = (JSON.parse(packed.stdout) as { filename: string }[])[0]!;
    const tarball = join(root, filename);
    const installed = join(root, "installed");
    await mkdir(installed);
    await writeFile(join(installed, "package.json"), `${JSON.stringify({ private: true }, null, 2)}\n`);
    await exec(npm, ["install", "--no-audit", "--no-fund", tarball], {
      cwd: installed,
      env: userEnv(),
      maxBuffer: 16 * 1024 * 1024,
    });
    if (!(await readdir(join(installed, "node_modules", "dockgrade"))).includes("dist"))
      throw new Error("the installed package has no dist/");
    const provided: PackedPackage = { root, tarball, installed };
    project.provide("packedPackage", provided);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    await engineTeardown();
    throw error;
  }
  return async () => {
    await rm(root, { recursive: true, force: true });
    await engineTeardown();
  };
}
